import type { BotReply, BotReplyButton, BotReplyCard, BotReplyMessage } from '@bothooks/core';
import { JsonApiRenderError } from '@bothooks/core/adapter';

/** A button of a rendered reply: a link (`openUrl`) or a text the user sends back by pressing it (`imBack`). */
export interface RenderedAction {
  type: 'openUrl' | 'imBack';
  title: string;
  value: string;
}

/** A HeroCard attachment. */
export interface RenderedHeroCard {
  contentType: 'application/vnd.microsoft.card.hero';
  content: {
    title?: string;
    subtitle?: string;
    images?: { url: string }[];
    buttons?: RenderedAction[];
  };
}

/** One activity of a rendered reply, ready for `sendActivities` in either SDK. */
export interface RenderedActivity {
  type: 'message';
  text?: string;
  attachments?: RenderedHeroCard[];
  /** `to` lists who sees them; empty means everyone (both SDKs' types require it, the Agents SDK rejects without). */
  suggestedActions?: { to: string[]; actions: RenderedAction[] };
}

/** Where a reply is shown: the channel's limits apply. */
export interface RenderOptions {
  /** The conversation's `channelId` (`msteams`, `webchat`, ...). */
  channelId?: string | null | undefined;
}

/**
 * What channels show at most. Teams shows no more than six buttons on a hero card and six suggested actions;
 * the other channels have no lower limit than the reply itself (at most 25 buttons, `parseBotReply`).
 */
const LIMITS: Record<string, { cardButtons: number; quickReplies: number }> = {
  msteams: { cardButtons: 6, quickReplies: 6 },
};

const HERO_CARD = 'application/vnd.microsoft.card.hero';

function refuse(message: string): never {
  throw new JsonApiRenderError(message);
}

function action(button: BotReplyButton, where: string): RenderedAction {
  if (button.url !== undefined) return { type: 'openUrl', title: button.title, value: button.url };
  if (button.value === undefined || button.value.trim() === '')
    refuse(`${where} has no url and no value to send`);
  return { type: 'imBack', title: button.title, value: button.value };
}

function heroCard(card: BotReplyCard, where: string, maxButtons: number | undefined): RenderedHeroCard {
  const buttons = (card.buttons ?? []).map((button, index) => action(button, `${where}.buttons[${index}]`));
  if (maxButtons !== undefined && buttons.length > maxButtons) {
    refuse(`${where} has ${buttons.length} buttons; the channel shows at most ${maxButtons}`);
  }
  if (
    card.title === undefined &&
    card.subtitle === undefined &&
    card.imageUrl === undefined &&
    buttons.length === 0
  ) {
    refuse(`${where} is empty`);
  }
  return {
    contentType: HERO_CARD,
    content: {
      ...(card.title !== undefined && { title: card.title }),
      ...(card.subtitle !== undefined && { subtitle: card.subtitle }),
      ...(card.imageUrl !== undefined && { images: [{ url: card.imageUrl }] }),
      ...(buttons.length > 0 && { buttons }),
    },
  };
}

function activity(message: BotReplyMessage, where: string, options: RenderOptions): RenderedActivity {
  const limits = LIMITS[options.channelId ?? ''];
  const quickReplies = message.quickReplies ?? [];
  quickReplies.forEach((reply, index) => {
    if (reply.trim() === '') refuse(`${where}.quickReplies[${index}] is empty`);
  });
  if (limits && quickReplies.length > limits.quickReplies) {
    refuse(
      `${where} has ${quickReplies.length} quick replies; the channel shows at most ${limits.quickReplies}`,
    );
  }
  const text = message.text !== undefined && message.text.trim() !== '' ? message.text : undefined;
  const card = message.card && heroCard(message.card, `${where}.card`, limits?.cardButtons);
  if (text === undefined && card === undefined && quickReplies.length === 0)
    refuse(`${where} has nothing to show`);
  return {
    type: 'message',
    ...(text !== undefined && { text }),
    ...(card !== undefined && { attachments: [card] }),
    ...(quickReplies.length > 0 && {
      suggestedActions: {
        to: [],
        actions: quickReplies.map(
          (reply): RenderedAction => ({ type: 'imBack', title: reply, value: reply }),
        ),
      },
    }),
  };
}

/**
 * Renders a JSON API reply as Bot Framework activities, one per message, in order: the text; quick replies as
 * `suggestedActions` (`imBack`: pressing one sends its text as the user's next message); a card as a HeroCard
 * attachment with title, subtitle, image and buttons (`openUrl` for a `url`, `imBack` for a `value`, which comes
 * back as the user's next message). Pure, and all or nothing: what the channel cannot show (a message with
 * nothing in it, more buttons than Teams shows, an empty quick reply) throws a `JsonApiRenderError` before
 * anything is sent.
 *
 * @param reply The reply `hooks.request()` returned.
 * @param options The channel the reply is shown on, for its limits.
 * @returns The activities to send with `context.sendActivities()`.
 * @throws {JsonApiRenderError} For what the channel cannot show.
 *
 * @example
 * ```ts
 * const activities = renderReply(reply, { channelId: context.activity.channelId });
 * await context.sendActivities(activities);
 * ```
 */
export function renderReply(reply: BotReply, options: RenderOptions = {}): RenderedActivity[] {
  return reply.messages.map((message, index) => activity(message, `messages[${index}]`, options));
}
