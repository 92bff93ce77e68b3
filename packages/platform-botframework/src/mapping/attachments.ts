import type { Attachment } from '@bothooks/core';
import { safeUrl } from '@bothooks/core/adapter';

/** The longest card summary an event carries: enough to recognise a card, never its whole content. */
const SUMMARY_LENGTH = 200;

const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';
const CARD_PREFIXES = ['application/vnd.microsoft.card.', 'application/vnd.microsoft.teams.card.'];
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function shorten(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length <= SUMMARY_LENGTH ? flat : `${flat.slice(0, SUMMARY_LENGTH - 1)}…`;
}

function attachmentType(contentType: string): string {
  if (contentType === TEAMS_FILE_DOWNLOAD) return 'file';
  if (CARD_PREFIXES.some((prefix) => contentType.startsWith(prefix))) return 'card';
  if (contentType.startsWith('image/')) return 'photo';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'file';
}

/** The visible texts of an Adaptive Card, in reading order, stopping once there is enough for a summary. */
function adaptiveTexts(elements: unknown, into: string[]): void {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (into.join(' ').length > SUMMARY_LENGTH || !isObject(element)) continue;
    const ownText = text(element.text);
    if (ownText && (element.type === 'TextBlock' || element.type === 'TextRun')) into.push(ownText);
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts) {
        if (isObject(fact)) into.push([text(fact.title), text(fact.value)].filter(Boolean).join(': '));
      }
    }
    adaptiveTexts(element.inlines, into);
    adaptiveTexts(element.items, into);
    adaptiveTexts(element.columns, into);
  }
}

/** A card's title and a short summary of its text: what a person would read first, never the whole card. */
function describeCard(contentType: string, content: unknown): { title?: string; summary?: string } {
  if (!isObject(content)) return {};
  if (contentType === ADAPTIVE_CARD) {
    const texts: string[] = [];
    adaptiveTexts(content.body, texts);
    const [title, ...rest] = texts.filter((entry) => entry !== '');
    const summary = rest.join(' ');
    return {
      ...(title !== undefined && { title: shorten(title) }),
      ...(summary !== '' && { summary: shorten(summary) }),
    };
  }
  const title = text(content.title);
  const summary = [text(content.subtitle), text(content.text)].filter(Boolean).join(' ');
  return {
    ...(title !== undefined && { title: shorten(title) }),
    ...(summary !== '' && { summary: shorten(summary) }),
  };
}

/**
 * Describes Bot Framework attachments: type, MIME type, name and a URL without query or credentials; for cards a
 * title and a short summary. Never the content itself: no inline `data:` URLs, no card JSON, and no Teams
 * `downloadUrl` (a pre-authenticated link to the file).
 */
export function describeAttachments(attachments: unknown, channel: string | undefined): Attachment[] {
  if (!Array.isArray(attachments)) return [];
  const described: Attachment[] = [];
  for (const attachment of attachments) {
    if (!isObject(attachment)) continue;
    const contentType = text(attachment.contentType) ?? 'application/octet-stream';
    // Teams repeats the text of every message as a text/html rendering; it is not something anyone attached.
    if (channel === 'msteams' && contentType === 'text/html' && attachment.contentUrl == null) continue;
    const type = attachmentType(contentType);
    const url = safeUrl(attachment.contentUrl);
    const name = text(attachment.name);
    const fileId =
      contentType === TEAMS_FILE_DOWNLOAD && isObject(attachment.content)
        ? text(attachment.content.uniqueId)
        : undefined;
    const card = type === 'card' ? describeCard(contentType, attachment.content) : {};
    described.push({
      type,
      contentType,
      ...(url !== undefined && { url }),
      ...(name !== undefined && { name }),
      ...(fileId !== undefined && { fileId }),
      ...card,
    });
  }
  return described;
}
