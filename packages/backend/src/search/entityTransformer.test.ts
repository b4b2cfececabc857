import { portalEntityTransformer } from './entityTransformer';

describe('portalEntityTransformer', () => {
  it.each([
    {
      why: 'a titled component is found by its name, the name as words, and its tags',
      metadata: {
        name: 'payment-gateway',
        title: 'Payment Gateway',
        description: 'Talks to card schemes',
        tags: ['java', 'pci'],
      },
      title: 'Payment Gateway',
      text: 'Talks to card schemes : payment-gateway : payment gateway : java : pci',
    },
    {
      why: 'a one-word name is not repeated, and no description leaves no leading separator',
      metadata: { name: 'checkout' },
      title: 'checkout',
      text: 'checkout',
    },
  ])('$why', ({ metadata, title, text }) => {
    const document = portalEntityTransformer({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata,
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    });
    expect(document).toMatchObject({
      title,
      text,
      kind: 'Component',
      type: 'service',
      owner: 'team-a',
    });
  });
});
