/** The README's claims table and errata list, generated from the registry, so that they cannot drift. */
import { claims, errata } from '../claims.ts';
import { counterModels } from '../counter-models.ts';
import { pins } from '../schedule-pins.ts';

export const tableStart = '<!-- claims: generated from claims/claims.ts by `npm run readme`; spec/registry.spec.ts checks it -->';
export const tableEnd = '<!-- /claims -->';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** `2 deposits: 48; 3 holders once, and a releaser: 1,542 reduced`, the pinned counts of a scheduled claim, or a dash. */
function schedulesOf(claim: string): string {
  const counts = pins
    .filter((pin) => pin.claim === claim)
    .map(
      (pin) => `${pin.configuration}: ${pin.plain === undefined ? `${(pin.reduced as number).toLocaleString('en')} reduced` : pin.plain.toLocaleString('en')}`,
    );
  return counts.length === 0 ? '–' : counts.join('; ');
}

export function claimsBlock(): string {
  const rows = claims.map((each) => {
    const models = counterModels.filter((model) => model.property.claim === each.id).length;
    return `| \`${each.id}\` | ${cell(each.section)} | ${cell(each.claim)} | ${cell(each.proves)} | \`${each.spec}\` | ${models} | ${cell(schedulesOf(each.id))} |`;
  });
  const notes = claims.flatMap((each) => (each.node === undefined ? [] : [`- \`${each.id}\`: ${each.node}`]));
  const wrong = errata.map((each) => `- \`${each.id}\` (${each.section}${each.tested ? ', tested' : ''}): ${each.erratum}`);
  return [
    tableStart,
    '| id | section | the claim | what the spec proves | spec | counter-models | schedules judged |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '**Where Node differs from Python**',
    '',
    ...notes,
    '',
    "**The document's errata**",
    '',
    ...wrong,
    tableEnd,
  ].join('\n');
}

/** The README with its generated block replaced by `block`. */
export function withClaimsBlock(readme: string, block: string = claimsBlock()): string {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error(`README.md has no block between "${tableStart}" and "${tableEnd}"`);
  return readme.slice(0, start) + block + readme.slice(end + tableEnd.length);
}
