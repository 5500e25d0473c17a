// The `@example` code of a generated package as modules tsc can check: the ```ts blocks of the
// JSDoc comments of src/client.ts and src/operations.ts (calls on a declared `client`, and
// functions given a new base client), and of src/requests.ts (request builders), each block
// the body of its own function.

/** The ```ts blocks of the JSDoc comments of a file, with the ` * ` prefixes removed. */
export function exampleBlocks(source: string): string[] {
  const blocks: string[] = [];
  for (const match of source.matchAll(/\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    blocks.push(
      (match[1] ?? '')
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n'),
    );
  }
  return blocks;
}

export interface PackageSources {
  readonly index: string;
  readonly client: string;
  readonly operations: string;
  readonly requests: string;
}

export interface ExampleModule {
  readonly name: 'client' | 'requests';
  readonly text: string;
  readonly count: number;
}

/**
 * Two modules: the client's and operation functions' examples importing from `from('index')`,
 * the builders' importing from `from('requests')`. Functions have return types, so the modules
 * also pass under isolatedDeclarations (a package's own tsconfig).
 */
export function exampleModules(sources: PackageSources, from: (module: 'index' | 'requests') => string): ExampleModule[] {
  const clientName = /export \{ (\w+) as default \}/.exec(sources.index)?.[1];
  if (clientName === undefined) throw new Error('index.ts has no default export');
  const exported = (source: string) => [...source.matchAll(/^export (?:class|function) (\w+)/gm)].map((match) => match[1]!);
  const functions = (blocks: readonly string[]) =>
    blocks.map((block, i) => `export async function example${i}(): Promise<void> {\n${block}\n}`);
  const clientBlocks = [...exampleBlocks(sources.client), ...exampleBlocks(sources.operations)];
  const requestBlocks = exampleBlocks(sources.requests);
  const clientImports = [...new Set([clientName, ...exported(sources.client), ...exported(sources.operations)])];
  return [
    {
      name: 'client',
      count: clientBlocks.length,
      text: [
        `import { ${clientImports.join(', ')} } from ${JSON.stringify(from('index'))};`,
        `declare const client: ${clientName};`,
        ...functions(clientBlocks),
        '',
      ].join('\n'),
    },
    {
      name: 'requests',
      count: requestBlocks.length,
      text: [
        `import { ${exported(sources.requests).join(', ')} } from ${JSON.stringify(from('requests'))};`,
        ...functions(requestBlocks),
        '',
      ].join('\n'),
    },
  ];
}

/**
 * The ```ts blocks of a package's README.md, each a module beside src/index.ts: the package's
 * own specifiers (`pkg`, `pkg/requests`, `pkg/validators`) point at its sources, and a block
 * that uses `client` without making one (a snippet after the first block) gets the first
 * block's client.
 */
export function readmeModules(readme: string, packageName: string): Map<string, string> {
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
  const first = /^import \{ (\w+) \} from '[^']+';$/m.exec(blocks[0] ?? '')?.[1];
  const modules = new Map<string, string>();
  blocks.forEach((block, i) => {
    const own = block.replace(/from '([^']+)'/g, (whole, specifier: string) =>
      specifier === packageName
        ? "from './index.js'"
        : specifier.startsWith(`${packageName}/`)
          ? `from './${specifier.slice(packageName.length + 1)}.js'`
          : whole,
    );
    const needsClient = /\bclient\b/.test(own) && !/\bconst client\b/.test(own) && first !== undefined;
    const preamble = needsClient ? `import { ${first} } from './index.js';\nconst client = new ${first}({ apiKey: 'my-api-key' });\n` : '';
    // `export {}`: a block without imports is a module too (top-level await)
    modules.set(`src/readme-${i}.check.ts`, `${preamble}${own}\nexport {};\n`);
  });
  return modules;
}
