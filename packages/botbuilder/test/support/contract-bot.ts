import { ActivityHandler } from 'botbuilder';
import { tagInteraction } from '../../src/index';

/** The bot the shared adapter contract describes (see `ContractBot` in @bothooks/testkit). */
export class ContractBotLogic extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === 'edit me') {
        const sent = await context.sendActivity('original');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'edited' });
      } else if (text === 'delete me') {
        const sent = await context.sendActivity('temporary');
        await context.deleteActivity(sent?.id ?? '');
      } else if (text.startsWith('tag ')) {
        const name = text.slice('tag '.length);
        tagInteraction(context, name);
        await context.sendActivity(`tagged ${name}`);
      } else if (text === 'fail') {
        await context.sendActivity('about to fail');
        throw new Error('contract failure');
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
      await next();
    });
  }
}
