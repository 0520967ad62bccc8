import type { DrawEntry, QueueView } from '@livedrops/core';
import { idArg } from '../args.js';
import { builder } from '../builder.js';
import { viewer } from '../context.js';

const QueueStateEnum = builder.enumType('QueueState', { values: ['WAITING', 'ADMITTED', 'CLOSED'] as const });

const QueuePlaceType = builder.objectRef<QueueView>('QueuePlace').implement({
  description: "Where you stand in a drop's waiting room (as `POST /v1/drops/{id}/queue`).",
  fields: (t) => ({
    state: t.field({
      type: QueueStateEnum,
      resolve: (v) => v.state.toUpperCase() as 'WAITING' | 'ADMITTED' | 'CLOSED',
    }),
    position: t.int({
      nullable: true,
      description:
        "null before the start (pre-queue), in the start's first seconds until placed, and once out of the line.",
      resolve: (v) => v.position,
    }),
    etaSeconds: t.int({ nullable: true, resolve: (v) => v.etaSeconds }),
    pass: t.string({
      nullable: true,
      description: 'Admitted: the pass for `POST /v1/orders`.',
      resolve: (v) => v.pass,
    }),
    passExpiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.passExpiresAt }),
  }),
});

const DrawEntryType = builder.objectRef<DrawEntry>('DrawEntry').implement({
  description: "Your one entry in a drop's draw.",
  fields: (t) => ({
    entryId: t.id({ resolve: (e) => e.id }),
    enteredAt: t.field({ type: 'DateTime', resolve: (e) => e.enteredAt }),
  }),
});

builder.mutationFields((t) => ({
  joinQueue: t.field({
    type: QueuePlaceType,
    description:
      "Join a drop's waiting room (as `POST /v1/drops/{id}/queue`); again: your place now. " +
      '`entries_closed`, `not_eligible`.',
    args: { dropId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) =>
      (await ctx.useCases.queues.join(viewer(ctx), idArg(String(args.dropId), 'dropId'))).view,
  }),
  enterDraw: t.field({
    type: DrawEntryType,
    description:
      "Enter a drop's draw (as `POST /v1/drops/{id}/entries`); again: the same entry. " +
      '`entries_closed`, `not_eligible`.',
    args: { dropId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) =>
      (await ctx.useCases.enterDraw.execute(viewer(ctx), idArg(String(args.dropId), 'dropId'))).entry,
  }),
}));
