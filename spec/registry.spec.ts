/**
 * The registry of claims (claims/claims.ts) and the specs agree: every claim is checked by a spec, no spec
 * names an id that is not registered, every claim has a counter-model, and the README's table is the one
 * the registry generates. Deleting a spec, or registering a claim with none, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claims, errata, idPattern } from '../claims/claims.ts';
import { counterModels } from '../claims/counter-models.ts';
import { claimsBlock, withClaimsBlock } from '../claims/support/claims-table.ts';

const specDir = new URL('./', import.meta.url);
const propertiesDir = new URL('../claims/properties/', import.meta.url);

/** Which claim each exported property of claims/properties/ checks, by export name. */
async function propertyClaims(): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  for (const file of readdirSync(propertiesDir).filter((name) => name.endsWith('.ts'))) {
    const exports = (await import(new URL(file, propertiesDir).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      const claim = (value as { claim?: unknown } | null)?.claim;
      if (typeof claim === 'string') byName.set(name, claim);
    }
  }
  return byName;
}

/**
 * The ids the spec files name, and where: in `specify(property, ...)`, or at the start of a test's title
 * string (`'id: ...'`). Comments never start with a quote, so they do not count.
 */
async function namedIds(): Promise<Map<string, string[]>> {
  const properties = await propertyClaims();
  const named = new Map<string, string[]>();
  const name = (id: string, file: string) => named.set(id, [...(named.get(id) ?? []), file]);
  const files = readdirSync(specDir).filter((file) => file.endsWith('.spec.ts') && file !== 'registry.spec.ts');
  for (const file of files) {
    const text = readFileSync(new URL(file, specDir), 'utf8');
    for (const [, property] of text.matchAll(/specify\((\w+)/g)) {
      // A property of no claim (the project's own: liveness, faults) names no id.
      const id = properties.get(property as string);
      if (id !== undefined) name(id, `spec/${file}`);
    }
    for (const [, id] of text.matchAll(new RegExp(`['"\`](${idPattern}): `, 'g'))) name(id as string, `spec/${file}`);
  }
  return named;
}

describe('The registry of claims', () => {
  it('every registered claim is checked by the spec file the registry names', async () => {
    const named = await namedIds();
    for (const each of claims) {
      expect(named.get(each.id), `${each.id} is registered, but no spec checks it`).toBeDefined();
      expect(named.get(each.id), `${each.id} should be checked in ${each.spec}`).toContain(each.spec);
    }
  });

  it('every id a spec names is registered, as a claim or as an erratum', async () => {
    const registered = [...claims.map((each) => each.id), ...errata.map((each) => each.id)];
    for (const [id, files] of await namedIds()) expect(registered, `${files.join(', ')} name "${id}"`).toContain(id);
  });

  it('every tested erratum has its test, and the others are only remarks', async () => {
    const named = await namedIds();
    for (const each of errata) expect(named.has(each.id), each.id).toBe(each.tested);
  });

  it('every claim has at least one counter-model for its property to reject', () => {
    for (const each of claims)
      expect(
        counterModels.some((model) => model.property.claim === each.id),
        each.id,
      ).toBe(true);
  });

  it("the README's claims table is the one the registry generates (npm run readme rewrites it)", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(withClaimsBlock(readme)).toBe(readme);
    expect(readme).toContain(claimsBlock());
  });
});
