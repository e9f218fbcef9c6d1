import type { DocumentParser, ParseOutcome, ParseSource } from '../document-parser.ts';
import { readXmlProlog } from '../xml/xml-prolog.ts';

/** A known patent-office format we recognise but do not ingest, and why. */
interface KnownUnsupportedFormat {
  matches(head: string, root: string | undefined): boolean;
  reason: string;
}

const knownFormats: KnownUnsupportedFormat[] = [
  {
    matches: (head) => head.startsWith('PK\u0003\u0004') && /CDC_Download|XML4IP/i.test(head),
    reason:
      'unsupported format: USPTO XML4IP ZIP (file-wrapper/CDC download); unpack it and ingest its documents one by one',
  },
  {
    matches: (head) => head.includes('*** BRS DOCUMENT BOUNDARY ***'),
    reason:
      'unsupported format: USPTO BRS/CSS text dump (examiner search export); use the XML publication of the same patents',
  },
  {
    matches: (_head, root) => root !== undefined && /(^|:)CPCMasterClassificationFile$/.test(root),
    reason: 'not a patent document: USPTO CPC master classification file (classification data, no full text)',
  },
  {
    matches: (_head, root) => root === 'class-scheme',
    reason: 'not a patent document: CPC classification scheme (class titles, no publication)',
  },
  {
    matches: (_head, root) => root === 'definitions' || root === 'definition-item',
    reason: 'not a patent document: CPC definitions file',
  },
  {
    matches: (_head, root) => root === 'table' || root === 'tables',
    reason: 'not a patent document: table fragment (a <table> without its publication)',
  },
  {
    matches: (head) => /<!DOCTYPE lewis\b/i.test(head) || /^\s*<REUTERS\b/.test(head),
    reason:
      'unsupported format: Reuters-21578 SGML (lewis.dtd); ingest the JSON-lines export of the same stories instead',
  },
  {
    matches: (_head, root) => root === 'sequence-cwu',
    reason: 'not a patent document: sequence listing (sequence-cwu) without its publication',
  },
];

/**
 * Names the reason when the content is a known patent-office format that no parser ingests (XML4IP
 * archives, BRS dumps, CPC scheme/master files, table fragments), so the run reports something
 * specific instead of "no parser found". Undefined for anything else.
 */
export function classifyUnsupported(source: ParseSource): string | undefined {
  const head = source.head.toString('latin1', 0, Math.min(source.head.length, 16384));
  const root = head.trimStart().startsWith('<') ? readXmlProlog(head).root : undefined;
  return knownFormats.find((format) => format.matches(head, root))?.reason;
}

/** Detects the known non-ingestible formats and yields one failure with the specific reason. */
export class UnsupportedPatentFormatParser implements DocumentParser {
  readonly format = 'unsupported-patent-format';

  detect(source: ParseSource): boolean {
    return classifyUnsupported(source) !== undefined;
  }

  async *parse(source: ParseSource): AsyncGenerator<ParseOutcome> {
    const reason = classifyUnsupported(source) ?? 'unsupported format: unrecognised patent-office content';
    yield { ok: false, item: source.name, reason, retryable: false };
  }
}

/** The default instance; register it after the real parsers. */
export const unsupportedPatentFormatParser: DocumentParser = new UnsupportedPatentFormatParser();
