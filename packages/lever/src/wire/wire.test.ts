import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import * as fixtures from '../fixtures.ts';
import {
  ArchiveReason,
  BUILT_IN_STAGES,
  Contact,
  DispositionStages,
  ExpandableOpportunity,
  ExpandedOpportunity,
  LeverError,
  ListEnvelope,
  Note,
  Opportunity,
  OpportunityCreated,
  Posting,
  PostingV0,
  PostingV0ApplyResult,
  Resume,
  SingleEnvelope,
  Stage,
  TextCount,
  User,
  Webhook,
  WebhookCreated,
  WebhookDelivery,
  WEBHOOK_EVENT_INFO,
  WEBHOOK_EVENTS,
  webhookDeliverySchema,
  Application,
  ORIGINS,
} from './index.ts';

void describe('wire schemas accept recorded Lever shapes', () => {
  void it('accepts the factories', () => {
    const pairs = [
      [Posting, fixtures.makePosting()],
      [Opportunity, fixtures.makeOpportunity()],
      [Contact, fixtures.makeContact()],
      [Application, fixtures.makeApplication()],
      [Note, fixtures.makeNote()],
      [Resume, fixtures.makeResume()],
      [User, fixtures.makeUser()],
      [WebhookCreated, fixtures.makeWebhookCreated()],
      [PostingV0, fixtures.makePostingV0()],
    ] as const;
    for (const [schema, value] of pairs)
      assert.equal(Value.Check(schema, value), true, JSON.stringify(value));
  });

  void it('accepts a draft posting with null urls, null channels and unknown extra fields', () => {
    const draft = {
      ...fixtures.makePosting({ state: 'draft', urls: null, distributionChannels: null }),
      newField: 1,
    };
    assert.equal(Value.Check(Posting, draft), true);
  });

  void it('accepts an archived opportunity and the create response with `deduped`', () => {
    const archived = fixtures.makeOpportunity({
      archived: { reason: fixtures.FIXTURE_IDS.archiveReason, archivedAt: 1782973996415 },
    });
    assert.equal(Value.Check(Opportunity, archived), true);
    const { opportunityLocation: _dropped, ...writeShape } = archived;
    assert.equal(Value.Check(OpportunityCreated, { deduped: true, data: writeShape }), true);
  });

  void it('rejects an unknown origin and a missing stageChanges', () => {
    assert.equal(Value.Check(Opportunity, { ...fixtures.makeOpportunity(), origin: 'scraped' }), false);
    const { stageChanges: _s, ...partial } = fixtures.makeOpportunity();
    assert.equal(Value.Check(Opportunity, partial), false);
  });

  void it('accepts a fully expanded opportunity and rejects an unexpanded one', () => {
    const expanded = {
      ...fixtures.makeOpportunity(),
      applications: [fixtures.makeApplication()],
      stage: { id: 'lead-new', text: 'New lead' },
      owner: fixtures.makeUser(),
      followers: [fixtures.makeUser()],
      sourcedBy: null,
      contact: fixtures.makeContact(),
    };
    assert.equal(Value.Check(ExpandedOpportunity, expanded), true);
    assert.equal(Value.Check(ExpandedOpportunity, fixtures.makeOpportunity()), false);
  });

  void it('describes a partly expanded opportunity (ids and objects mixed), as the expand reads answer', () => {
    const partly = { ...fixtures.makeOpportunity(), stage: { id: 'lead-new', text: 'New lead' } };
    assert.equal(Value.Check(ExpandableOpportunity, partly), true);
    assert.equal(Value.Check(ExpandableOpportunity, fixtures.makeOpportunity()), true);
    assert.equal(Value.Check(ExpandableOpportunity, { ...partly, stage: { id: 'lead-new' } }), false);
    assert.equal(Value.Check(Opportunity, partly), false);
  });

  void it('validates stages, archive reasons, disposition stages, sources and tags', () => {
    assert.equal(Value.Check(Stage, { id: 'lead-new', text: 'New lead' }), true);
    assert.equal(
      Value.Check(ArchiveReason, { id: 'x', text: 'Hired', status: 'active', type: 'hired' }),
      true,
    );
    assert.equal(
      Value.Check(ArchiveReason, { id: 'x', text: 'Hired', status: 'active', type: 'fired' }),
      false,
    );
    const disposition = {
      stages: [{ id: 'lead-new', text: 'New lead', pipeline: 'lead', rank: 105.5, hasInterview: false }],
      archiveReasons: [
        { id: 'a', text: 'Hired', type: 'hired' },
        { id: 'b', text: 'Withdrew', type: null },
      ],
    };
    assert.equal(Value.Check(DispositionStages, disposition), true);
    assert.equal(Value.Check(TextCount, { text: 'Referral', count: 3 }), true);
    assert.equal(Value.Check(TextCount, { id: 'x', text: 'Referral' }), false);
  });

  void it('rejects a user with a role spelled differently from Lever', () => {
    assert.equal(Value.Check(User, fixtures.makeUser({ accessRole: 'interviewer' })), true);
    assert.equal(Value.Check(User, { ...fixtures.makeUser(), accessRole: 'Super Admin' }), false);
  });
});

void describe('envelopes', () => {
  const list = ListEnvelope(Stage);
  void it('omits next on the last page and rejects null or empty next', () => {
    assert.equal(Value.Check(list, { data: [], hasNext: false }), true);
    assert.equal(Value.Check(list, { data: [], hasNext: true, next: '%5B1%5D' }), true);
    assert.equal(Value.Check(list, { data: [], hasNext: false, next: null }), false);
    assert.equal(Value.Check(list, { data: [], hasNext: false, next: '' }), false);
    assert.equal(Value.Check(list, { data: [] }), false);
  });

  void it('wraps single resources and errors', () => {
    assert.equal(Value.Check(SingleEnvelope(Stage), { data: { id: 'offer', text: 'Offer' } }), true);
    assert.equal(Value.Check(LeverError, { code: 'NotFoundError', message: 'nope' }), true);
    assert.equal(Value.Check(LeverError, { error: 'nope' }), false);
  });
});

void describe('webhooks', () => {
  void it('lists the ten Lever events and flags the three extensions', () => {
    assert.equal(WEBHOOK_EVENTS.length, 13);
    const extensions = WEBHOOK_EVENT_INFO.filter((e) => e.extension).map((e) => e.event);
    assert.deepEqual(extensions, ['postingCreated', 'postingUpdated', 'postingDeleted']);
    assert.ok(Object.isFrozen(WEBHOOK_EVENT_INFO) && Object.isFrozen(WEBHOOK_EVENT_INFO[0]));
  });

  void it('never lists the signature token on the list shape but requires it on create', () => {
    const { configuration, ...rest } = fixtures.makeWebhookCreated();
    assert.equal(
      Value.Check(Webhook, { ...rest, configuration: { conditions: configuration.conditions } }),
      true,
    );
    assert.equal(
      Value.Check(WebhookCreated, { ...rest, configuration: { conditions: configuration.conditions } }),
      false,
    );
  });

  void it('checks deliveries generically and per event', () => {
    const delivery = {
      triggeredAt: 1782975358767,
      event: 'candidateStageChange',
      signature: '1e7c00dc7cad8b7f123a92ca282dfc768a3ad57f30b87c6154d2c575dd245634',
      token: '3f9b8c1d2e4a5b6c7d8e9f0a1b2c3d4e',
      data: {
        opportunityId: 'o',
        candidateId: 'o',
        contactId: 'c',
        fromStageId: 'lead-new',
        toStageId: 'offer',
      },
    };
    assert.equal(Value.Check(WebhookDelivery, delivery), true);
    assert.equal(Value.Check(webhookDeliverySchema('candidateStageChange'), delivery), true);
    assert.equal(Value.Check(webhookDeliverySchema('candidateHired'), delivery), false);
    const archive = {
      ...delivery,
      event: 'candidateArchiveChange',
      data: {
        opportunityId: 'o',
        contactId: 'c',
        fromArchived: null,
        toArchived: { archivedAt: 1, reason: 'r' },
      },
    };
    assert.equal(Value.Check(webhookDeliverySchema('candidateArchiveChange'), archive), true);
  });
});

void describe('closed sets', () => {
  void it('has the six origins and the five built-in stages with pipelines', () => {
    assert.deepEqual([...ORIGINS].sort(), [
      'agency',
      'applied',
      'internal',
      'referred',
      'sourced',
      'university',
    ]);
    assert.deepEqual(
      BUILT_IN_STAGES.map((s) => `${s.id}:${s.pipeline}`),
      [
        'lead-new:lead',
        'lead-reached-out:lead',
        'lead-responded:lead',
        'applicant-new:applicant',
        'offer:offer',
      ],
    );
    assert.throws(() => (ORIGINS as unknown as string[]).push('x'));
  });

  void it('types the v0 apply result as a union on ok', () => {
    assert.equal(Value.Check(PostingV0ApplyResult, { ok: true, applicationId: 'a' }), true);
    assert.equal(Value.Check(PostingV0ApplyResult, { ok: false, error: 'Missing name' }), true);
    assert.equal(Value.Check(PostingV0ApplyResult, { ok: true }), false);
  });
});
