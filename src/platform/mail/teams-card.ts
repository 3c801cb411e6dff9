/**
 * The body Teams expects from an incoming webhook (a Workflows "post to a channel when a webhook
 * request is received" flow, which replaced the Office 365 connector): a message with one
 * Adaptive Card. Plain text blocks only — no links or images from callers.
 */
export function teamsCardFor(message: { title: string; text: string }) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: message.text, wrap: true },
          ],
        },
      },
    ],
  };
}
