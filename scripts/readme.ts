/** `npm run readme`: writes the claims table, Node notes and errata into README.md from claims/claims.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withClaimsBlock } from '../claims/support/claims-table.ts';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withClaimsBlock(before);
writeFileSync(path, after);
console.log(before === after ? 'README.md was up to date' : 'README.md: claims table rewritten');
