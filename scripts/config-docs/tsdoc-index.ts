import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** What the TSDoc above one schema field says. */
export interface FieldDoc {
  /** The summary text, on one line, without tags. */
  text: string;
  /** `@defaultValue`, when written. */
  defaultValue?: string;
  /** Repository-relative file the field is declared in. */
  file: string;
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Every `.ts` file under `dir`, generated Prisma clients and node_modules left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function docOf(node: ts.Node): Omit<FieldDoc, 'file'> | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  if (!doc) return undefined;
  const text = ts.getTextOfJSDocComment(doc.comment)?.replace(/\s+/g, ' ').trim() ?? '';
  const tag = doc.tags?.find((t) => t.tagName.text === 'defaultValue');
  const defaultValue = tag ? ts.getTextOfJSDocComment(tag.comment)?.replace(/\s+/g, ' ').trim() : undefined;
  return { text, ...(defaultValue ? { defaultValue } : {}) };
}

/**
 * The TSDoc of every UPPER_CASE property of an object literal (a zod env schema's fields) in the
 * TypeScript sources under `roots`, by variable name, in the order of `roots`. A field without TSDoc
 * whose value is a documented constant (`NODE_ENV: nodeEnv`) takes that constant's TSDoc.
 */
export function tsdocIndex(repoRoot: string, roots: readonly string[]): Map<string, FieldDoc[]> {
  const index = new Map<string, FieldDoc[]>();
  for (const root of roots) {
    for (const path of sourceFiles(join(repoRoot, root))) {
      const text = readFileSync(path, 'utf8');
      if (!/^\s+[A-Z][A-Z0-9_]*:/m.test(text)) continue;
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
      const constants = new Map<string, Omit<FieldDoc, 'file'>>();
      const fields: Array<[string, ts.PropertyAssignment]> = [];
      const visit = (node: ts.Node) => {
        if (ts.isVariableStatement(node)) {
          for (const decl of node.declarationList.declarations) {
            const doc = docOf(node);
            if (ts.isIdentifier(decl.name) && doc) constants.set(decl.name.text, doc);
          }
        }
        if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && ENV_NAME.test(node.name.text)) {
          fields.push([node.name.text, node]);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      for (const [name, node] of fields) {
        let doc = docOf(node);
        if (!doc && ts.isIdentifier(node.initializer)) {
          const constant = constants.get(node.initializer.text);
          // "`NODE_ENV`: production turns on…" documents the constant by the variable's name.
          if (constant) doc = { ...constant, text: constant.text.replace(new RegExp(`^\`${name}\`:\\s*`), '') };
        }
        if (!doc) continue;
        const entry = { ...doc, file: relative(repoRoot, path) };
        index.set(name, [...(index.get(name) ?? []), entry]);
      }
    }
  }
  return index;
}
