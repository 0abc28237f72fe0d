/**
 * One rule file to Sigma documents. A file may hold several YAML documents (`---`); each is a
 * detection rule (`detection`), a correlation (`correlation`) or a global filter (`filter`).
 * Every problem becomes a SigmaLoadError with the file and line, never an exception.
 */
import { isMap, LineCounter, parseAllDocuments, type YAMLMap } from 'yaml';
import { parseCorrelation } from './parse-correlation.ts';
import { parseDetection } from './parse-detection.ts';
import type { Logsource, RuleMeta, SigmaDocument, SigmaLoadError } from './types.ts';
import {
  getEntry,
  lineOf,
  mapEntries,
  optionalString,
  RuleSchemaError,
  stringList,
  toPlain,
  type NodeContext,
} from './yaml-nodes.ts';

export interface ParsedSigmaFile {
  documents: SigmaDocument[];
  errors: SigmaLoadError[];
}

export function parseSigmaFile(text: string, path: string): ParsedSigmaFile {
  const lines = new LineCounter();
  const documents: SigmaDocument[] = [];
  const errors: SigmaLoadError[] = [];
  // uniqueKeys stays on (a duplicated field in a selection would silently drop one of them).
  const yamlDocs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(yamlDocs)) {
    // An empty stream parses to an EmptyStream object: no documents, no errors.
    return { documents, errors };
  }
  for (const doc of yamlDocs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        errors.push({
          path,
          line: lines.linePos(error.pos[0]).line,
          message: `YAML: ${error.message.split('\n')[0]}`,
          severity: 'error',
        });
      }
      continue;
    }
    const ctx: NodeContext = { doc, lines };
    const root = doc.contents;
    if (root === null) continue;
    const rootLine = lineOf(ctx, root);
    if (!isMap(root)) {
      errors.push({
        path,
        line: rootLine,
        message: 'a Sigma document must be a map',
        severity: 'error',
      });
      continue;
    }
    const id = optionalString(toPlain(getEntry(ctx, root, 'id')));
    const title = optionalString(toPlain(getEntry(ctx, root, 'title')));
    try {
      documents.push(parseDocument(ctx, root, path, rootLine));
    } catch (error) {
      if (!(error instanceof RuleSchemaError)) throw error;
      errors.push({
        path,
        line: error.line ?? rootLine,
        ...(id !== undefined ? { ruleId: id } : {}),
        ...(title !== undefined ? { title } : {}),
        message: error.message,
        severity: 'error',
      });
    }
  }
  return { documents, errors };
}

function parseDocument(
  ctx: NodeContext,
  root: YAMLMap,
  path: string,
  line: number | null,
): SigmaDocument {
  const keyLines = new Map(mapEntries(ctx, root).map(([key, , keyLine]) => [key, keyLine]));
  const meta = parseMeta(ctx, root, line);
  if (root.has('correlation')) {
    const correlation = parseCorrelation(
      toPlain(getEntry(ctx, root, 'correlation')),
      toPlain(getEntry(ctx, root, 'generate')),
      keyLines.get('correlation') ?? line,
    );
    return { kind: 'correlation', path, line, meta, correlation };
  }
  if (root.has('filter')) {
    const filterLine = keyLines.get('filter') ?? line;
    const filterNode = getEntry(ctx, root, 'filter');
    if (!isMap(filterNode))
      throw new RuleSchemaError(
        'filter must be a map with rules, selections and a condition',
        filterLine,
      );
    const rules = stringList(toPlain(getEntry(ctx, filterNode, 'rules')));
    // The filter's own keys besides `rules` form a detection section (filters specification).
    const detectionMap = filterNode.clone() as YAMLMap;
    detectionMap.delete('rules');
    const detection = parseDetection(ctx, detectionMap, filterLine);
    const logsource = root.has('logsource')
      ? parseLogsource(ctx, root, keyLines.get('logsource') ?? line)
      : {};
    return { kind: 'filter', path, line, meta, logsource, rules, detection };
  }
  if (!root.has('logsource')) throw new RuleSchemaError('rule has no logsource', line);
  if (!root.has('detection')) throw new RuleSchemaError('rule has no detection', line);
  const logsource = parseLogsource(ctx, root, keyLines.get('logsource') ?? line);
  const detection = parseDetection(
    ctx,
    getEntry(ctx, root, 'detection'),
    keyLines.get('detection') ?? line,
  );
  return { kind: 'rule', path, line, meta, logsource, detection };
}

function parseMeta(ctx: NodeContext, root: YAMLMap, line: number | null): RuleMeta {
  const get = (key: string): unknown => toPlain(getEntry(ctx, root, key));
  const title = optionalString(get('title'));
  if (title === undefined || title.trim() === '')
    throw new RuleSchemaError('document has no title', line);
  const meta: RuleMeta = {
    title,
    tags: stringList(get('tags')),
    references: stringList(get('references')),
    falsepositives: stringList(get('falsepositives')),
  };
  const optional = ['id', 'name', 'status', 'level', 'description', 'author'] as const;
  for (const key of optional) {
    const value = optionalString(get(key));
    if (value !== undefined) meta[key] = value;
  }
  return meta;
}

function parseLogsource(ctx: NodeContext, root: YAMLMap, line: number | null): Logsource {
  const plain = toPlain(getEntry(ctx, root, 'logsource'));
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new RuleSchemaError(
      'logsource must be a map with product, category and/or service',
      line,
    );
  }
  const source = plain as Record<string, unknown>;
  const logsource: Logsource = {};
  for (const key of ['product', 'category', 'service'] as const) {
    const value = optionalString(source[key]);
    if (value !== undefined) logsource[key] = value.toLowerCase();
  }
  return logsource;
}
