import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { headingAnchors, withoutCode } from './heading-anchors.ts';
import { markdownFiles } from './markdown-files.ts';

/** Inline links and images `[text](target "title")`, and reference definitions `[id]: target`. */
const INLINE = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const DEFINITION = /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$/gm;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every problem of the links in the repository's Markdown files, as `file:line: message`: a relative
 * link whose target leaves the repository (such as `../shared/…`), a target that does not exist, or
 * an anchor that no heading of the target has. External links (`https:`, `mailto:`) are not fetched.
 */
export function markdownLinkProblems(repoRoot: string): string[] {
  const root = resolve(repoRoot);
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (file: string) => {
    if (!anchorsOf.has(file)) anchorsOf.set(file, headingAnchors(readFileSync(file, 'utf8')));
    return anchorsOf.get(file)!;
  };
  const problems: string[] = [];
  for (const file of markdownFiles(root)) {
    const text = withoutCode(readFileSync(file, 'utf8')).replace(/`[^`\n]*`/g, (code) => ' '.repeat(code.length));
    const name = relative(root, file);
    for (const pattern of [INLINE, DEFINITION]) {
      for (const match of text.matchAll(pattern)) {
        const target = match[1]!;
        const line = text.slice(0, match.index).split('\n').length;
        const problem = linkProblem(root, file, target, anchors);
        if (problem) problems.push(`${name}:${line}: ${target}: ${problem}`);
      }
    }
  }
  return problems;
}

function linkProblem(root: string, file: string, target: string, anchors: (file: string) => Set<string>): string | undefined {
  if (target === '') return 'empty link';
  if (EXTERNAL.test(target)) return undefined;
  const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = decodeURIComponent(rawPath);
  const resolved = path === '' ? file : isAbsolute(path) ? join(root, path) : resolve(dirname(file), path);
  if (resolved !== root && !resolved.startsWith(root + sep)) return 'leaves the repository';
  if (!existsSync(resolved)) return 'no such file';
  if (anchor !== undefined && anchor !== '') {
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return 'an anchor into something that is not a Markdown file';
    if (!anchors(resolved).has(decodeURIComponent(anchor).toLowerCase())) return `no heading with anchor #${anchor}`;
  }
  return undefined;
}
