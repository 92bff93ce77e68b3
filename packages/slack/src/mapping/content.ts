import type { Attachment } from '@bothooks/core';
import { safeUrl } from '@bothooks/core/adapter';
import { type Json, record, records, SUMMARY_LENGTH, summarise, text } from './fields';

/** The text of a Block Kit text object (`plain_text` or `mrkdwn`). */
function textOf(value: unknown): string | undefined {
  return text(record(value)?.text);
}

/** The visible texts of one block, in reading order. */
function blockTexts(block: Json, into: string[]): void {
  const type = block.type;
  const own = textOf(block.text);
  if (own !== undefined && type !== 'image') into.push(own);
  for (const field of records(block.fields)) {
    const value = textOf(field);
    if (value !== undefined) into.push(value);
  }
  if (type === 'context') {
    for (const element of records(block.elements)) {
      const value = textOf(element) ?? (element.type === 'image' ? undefined : text(element.text));
      if (value !== undefined) into.push(value);
    }
  }
  if (type === 'actions') {
    for (const element of records(block.elements)) {
      const label = textOf(element.text);
      if (label !== undefined) into.push(`[${label}]`);
    }
  }
  const accessory = record(block.accessory);
  const label = accessory && accessory.type === 'button' ? textOf(accessory.text) : undefined;
  if (label !== undefined) into.push(`[${label}]`);
}

/** Images shown by blocks: image blocks and image accessories. Their URLs, never their bytes. */
function blockImages(blocks: Json[]): Attachment[] {
  const images: Attachment[] = [];
  for (const block of blocks) {
    const candidates = [block, record(block.accessory)].filter(
      (entry): entry is Json => entry !== undefined && entry.type === 'image',
    );
    for (const image of candidates) {
      const url = safeUrl(image.image_url) ?? safeUrl(record(image.slack_file)?.url);
      const title = textOf(image.title) ?? text(image.alt_text);
      images.push({
        type: 'photo',
        ...(url !== undefined && { url }),
        ...(title !== undefined && { title }),
      });
    }
  }
  return images;
}

/**
 * Block Kit blocks as attachments: one `blocks` descriptor (the header, or first text, as its title; the
 * visible texts summarised) and one `photo` per image. `rich_text` blocks are left out: they are the typed
 * message itself, which is `message.text` already.
 */
export function describeBlocks(value: unknown): Attachment[] {
  const blocks = records(value).filter((block) => block.type !== 'rich_text');
  if (blocks.length === 0) return [];
  const header = blocks.find((block) => block.type === 'header');
  const title = header ? textOf(header.text) : undefined;
  const texts: string[] = [];
  for (const block of blocks) {
    if (block === header) continue;
    if (texts.join(' ').length > SUMMARY_LENGTH) break;
    blockTexts(block, texts);
  }
  const summary = summarise(texts.join(' '));
  return [
    { type: 'blocks', ...(title !== undefined && { title }), ...(summary !== undefined && { summary }) },
    ...blockImages(blocks),
  ];
}

/** Legacy secondary attachments, and link unfurls (which Slack adds as attachments with `from_url`). */
export function describeLegacyAttachments(value: unknown): Attachment[] {
  return records(value).map((attachment) => {
    const link = safeUrl(attachment.from_url) ?? safeUrl(attachment.original_url);
    const url = link ?? safeUrl(attachment.title_link) ?? safeUrl(attachment.image_url);
    const title = text(attachment.title) ?? text(attachment.service_name);
    const summary = summarise(text(attachment.text) ?? text(attachment.fallback) ?? text(attachment.pretext));
    return {
      type: link !== undefined ? 'embed' : 'card',
      ...(url !== undefined && { url }),
      ...(title !== undefined && { title }),
      ...(summary !== undefined && { summary }),
    };
  });
}

function fileKind(mimetype: string | undefined, subtype: unknown): string {
  if (subtype === 'slack_audio') return 'voice';
  if (mimetype?.startsWith('image/')) return 'photo';
  if (mimetype?.startsWith('video/')) return 'video';
  if (mimetype?.startsWith('audio/')) return 'audio';
  return 'file';
}

/** Shared files, described from their metadata: name, type, size and URL; they are never downloaded. */
export function describeFiles(value: unknown): Attachment[] {
  return records(value).map((file) => {
    const mimetype = text(file.mimetype);
    // Files the app cannot see (another workspace's, hidden by retention) come as `{ id, mode: 'hidden_by_limit' }`.
    const url = safeUrl(file.url_private) ?? safeUrl(file.permalink);
    const name = text(file.name);
    const id = text(file.id);
    const title = text(file.title);
    return {
      type: fileKind(mimetype, file.subtype),
      ...(mimetype !== undefined && { contentType: mimetype }),
      ...(url !== undefined && { url }),
      ...(name !== undefined && { name }),
      ...(id !== undefined && { fileId: id }),
      ...(typeof file.size === 'number' && { size: file.size }),
      ...(title !== undefined && title !== name && { title }),
    };
  });
}

/** Everything a Slack message carries besides its text: files, blocks, legacy attachments. */
export function attachmentsOf(message: Json): Attachment[] {
  return [
    ...describeFiles(message.files),
    ...describeBlocks(message.blocks),
    ...describeLegacyAttachments(message.attachments),
  ];
}
