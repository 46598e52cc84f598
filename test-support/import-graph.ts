/**
 * @module The repository's import graph, read with the TypeScript compiler's own pre-processor (no
 * type checking, imports of every kind, `import type` included), and the cycles in it. An import cycle
 * makes module initialisation order matter and ties files that should stand alone; the engine had one
 * (run-scenario ⇄ run-lifecycle, issue 13) and this keeps it from coming back.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Files relative to `root` → the files they import, for `.ts` files under the given folders. */
export function importGraph(root: string, folders: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const folder of folders)
    for (const file of tsFiles(join(root, folder))) {
      const imports = ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((ref) => resolveImport(file, ref.fileName))
        .filter((target): target is string => target !== undefined);
      graph.set(
        relative(root, file),
        imports.map((target) => relative(root, target)),
      );
    }
  return graph;
}

/** Every strongly connected set of more than one file (or a file importing itself), each sorted. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative bookkeeping kept simple: the graph has a few hundred nodes.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A relative `./x.js` specifier (nodenext style) to the `.ts` file it names; packages are not followed. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')])
    if (existsSync(candidate)) return candidate;
  return undefined;
}

/**
 * The imports from files under `from` into files under `into` that are not one of `entries`: a folder's
 * boundary, as `[importer, imported]` pairs. Tests and test-support folders may reach behind a boundary
 * (docs/contributing.md §1), so their imports are not counted.
 */
export function boundaryCrossings(
  graph: ReadonlyMap<string, readonly string[]>,
  boundary: { from: readonly string[]; into: string; entries: readonly string[] },
): [string, string][] {
  const under = (file: string, folder: string): boolean => file.startsWith(`${folder}/`);
  const isTest = (file: string): boolean =>
    file.endsWith('.test.ts') || file.split('/').includes('test-support');
  return [...graph].flatMap(([file, imports]) =>
    boundary.from.some((folder) => under(file, folder)) && !isTest(file)
      ? imports
          .filter((target) => under(target, boundary.into) && !boundary.entries.includes(target))
          .map((target): [string, string] => [file, target])
      : [],
  );
}
