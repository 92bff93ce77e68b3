import type {
  Message,
  MessageComponentInteraction,
  ModalMessageModalSubmitInteraction,
  RepliableInteraction,
} from 'discord.js';
import type { DiscordReplyMessage } from '../mapping/reply';

/**
 * Where a JSON API handler shows its messages: the conversation of a message, or the answer to an interaction.
 * Each `send` is an ordinary discord.js call, so `attachWebhooks` reports it as `message.sent`.
 */
export interface ReplyTarget {
  send(message: DiscordReplyMessage): Promise<void>;
  /** Called once, when nothing more will be sent: leaves the interaction answered, or nothing pending. */
  finish(): Promise<void>;
}

/** Answers a message: the first reply quotes it (without failing if it was deleted meanwhile), the rest follow. */
export function messageTarget(message: Message): ReplyTarget {
  let replied = false;
  return {
    send: async (payload) => {
      if (!replied) {
        replied = true;
        await message.reply({ ...payload, failIfNotExists: false });
        return;
      }
      const channel = message.channel;
      // Every channel a user can message the bot in can be sent to; checked rather than assumed.
      if (!('send' in channel)) throw new Error('the channel of the message cannot be sent to');
      await channel.send(payload);
    },
    finish: async () => undefined,
  };
}

/** Whether an interaction is on a message (a button, a select menu, a modal opened from one). */
function isOnMessage(
  interaction: RepliableInteraction,
): interaction is RepliableInteraction & (MessageComponentInteraction | ModalMessageModalSubmitInteraction) {
  return interaction.isMessageComponent() || (interaction.isModalSubmit() && interaction.isFromMessage());
}

/**
 * Answers an interaction within Discord's 3 seconds however slow the endpoint: when nothing is sent within
 * `deferAfterMs` of the interaction's creation, it defers ("… is thinking"), and the first message then fills
 * that reply in. The first message is the reply, the others follow-ups. Nothing to show leaves nothing behind:
 * a deferral is deleted, and a component interaction is acknowledged without a message.
 */
export function interactionTarget(
  interaction: RepliableInteraction,
  deferAfterMs: number,
  report: (error: unknown) => void,
): ReplyTarget {
  const acknowledged = interaction.deferred || interaction.replied;
  // Deferred by the bot itself: a component may have been deferred as an update, so only follow-ups are safe.
  const followUpOnly = acknowledged && !interaction.replied && isOnMessage(interaction);
  let deferral: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let sent = 0;
  if (!acknowledged) {
    // Measured from the interaction's creation: the bot may have spent part of the window before calling.
    const age = Date.now() - interaction.createdTimestamp;
    const delay = Math.min(deferAfterMs, Math.max(0, deferAfterMs - age));
    timer = setTimeout(() => {
      timer = undefined;
      deferral = interaction.deferReply().then(
        () => true,
        (error: unknown) => {
          report(error);
          return false;
        },
      );
    }, delay);
  }
  const settle = async (): Promise<boolean> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    return deferral ? await deferral : false;
  };
  return {
    send: async (payload) => {
      const deferredHere = await settle();
      sent += 1;
      if (interaction.replied || followUpOnly) await interaction.followUp(payload);
      else if (interaction.deferred || deferredHere) await interaction.editReply(payload);
      else await interaction.reply({ ...payload, withResponse: true });
    },
    finish: async () => {
      const deferredHere = await settle();
      if (sent > 0 || acknowledged) return;
      try {
        if (deferredHere) await interaction.deleteReply();
        else if (isOnMessage(interaction) && !interaction.deferred && !interaction.replied) {
          await interaction.deferUpdate();
        }
      } catch (error) {
        report(error);
      }
    },
  };
}
