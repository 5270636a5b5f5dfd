// The one migration list, built for the dialect it runs on (most steps are the same on both).
import { sql, type Kysely, type Migration } from 'kysely';

export type DialectKind = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function migrations(kind: DialectKind): Record<string, Migration> {
  const autoId = kind === 'postgres' ? sql`integer generated always as identity primary key` : sql`integer primary key autoincrement`;
  return {
    '0001_foundation': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('bodies')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema
          .createTable('organizations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('short_name', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'text', (c) => c.references('organizations.id'))
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema
          .createTable('persons')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('initials', 'text')
          .addColumn('email', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema
          .createTable('memberships')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('expires', 'text', (c) => c.notNull())
          .addColumn('revoked', 'text')
          .execute();
        await db.schema
          .createTable('meetings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('start', 'text', (c) => c.notNull())
          .addColumn('end', 'text', (c) => c.notNull())
          .addColumn('location', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('agenda_version', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('meetings_start').on('meetings').columns(['start']).execute();
        await db.schema.createIndex('meetings_organization').on('meetings').columns(['organization_id', 'start']).execute();
        await db.schema
          .createTable('agenda_items')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('planned_minutes', 'integer', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('is_public', 'integer', (c) => c.notNull())
          .addColumn('subheading', 'text')
          .addColumn('responsible', 'text')
          .addColumn('purpose', 'text')
          .addColumn('method', 'text')
          .addColumn('public_title', 'text')
          .addColumn('legal_basis', 'text')
          .addColumn('decision', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'position']).execute();
        await db.schema
          .createTable('attachments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('is_public', 'integer', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('attachments_item').on('attachments').columns(['agenda_item_id', 'position']).execute();
        await sql`create table audit_entries (
          id ${autoId},
          at text not null,
          actor_user_id text,
          action text not null,
          object_type text not null,
          object_id text not null,
          before text,
          after text
        )`.execute(db);
        await db.schema.createIndex('audit_entries_object').on('audit_entries').columns(['object_type', 'object_id']).execute();
      },
    },
    '0002_planning_and_calendars': {
      async up(db: AnyDb) {
        // Calendar clients need a sequence bumped on every change; public feeds need to know
        // whether a cancelled meeting had been published.
        await db.schema
          .alterTable('meetings')
          .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('meetings').addColumn('published_at', 'text').execute();
        await db.schema.alterTable('meetings').addColumn('plan_id', 'text').execute();
        await sql`update meetings set published_at = modified where state in ('agenda_published', 'in_progress', 'held', 'minutes_approved')`.execute(db);
        await db.schema
          .createTable('meeting_plans')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('revises_id', 'text', (c) => c.references('meeting_plans.id'))
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('exceptions', 'text', (c) => c.notNull())
          .addColumn('approved', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('meeting_plans_org').on('meeting_plans').columns(['organization_id', 'year']).execute();
        await db.schema.createIndex('meetings_plan').on('meetings').columns(['plan_id']).execute();
        await db.schema.createIndex('meetings_published').on('meetings').columns(['published_at']).execute();
        await db.schema
          .createTable('calendar_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('revoked', 'text')
          .execute();
      },
    },
    '0003_followups': {
      async up(db: AnyDb) {
        await db.schema.alterTable('organizations').addColumn('email', 'text').execute();
        await db.schema
          .createTable('follow_ups')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
          .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
          .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('owner_unit_id', 'text', (c) => c.references('organizations.id'))
          .addColumn('owner_person_id', 'text', (c) => c.references('persons.id'))
          .addColumn('due_date', 'text')
          .addColumn('focus_area', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('done_at', 'text')
          .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
          .addColumn('reminded_soon', 'text')
          .addColumn('reminded_overdue', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('follow_ups_owner_unit').on('follow_ups').columns(['owner_unit_id', 'status']).execute();
        await db.schema.createIndex('follow_ups_meeting').on('follow_ups').columns(['meeting_id']).execute();
        await db.schema
          .createTable('follow_up_notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('follow_up_id', 'text', (c) => c.notNull().references('follow_ups.id'))
          .addColumn('author_user_id', 'text', (c) => c.references('users.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('follow_up_notes_follow_up').on('follow_up_notes').columns(['follow_up_id']).execute();
      },
    },
    '0004_annual_wheel': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('annual_wheels')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('approved', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema
          .createTable('wheel_entries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('wheel_id', 'text', (c) => c.notNull().references('annual_wheels.id'))
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('month', 'integer')
          .addColumn('after_date', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('unit_id', 'text', (c) => c.references('organizations.id'))
          .addColumn('responsible', 'text')
          .addColumn('minutes', 'integer', (c) => c.notNull())
          .addColumn('method', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('wheel_entries_wheel').on('wheel_entries').columns(['wheel_id']).execute();
        await db.schema.alterTable('agenda_items').addColumn('wheel_entry_id', 'text').execute();
      },
    },
    '0005_live_meeting': {
      async up(db: AnyDb) {
        await db.schema.alterTable('meetings').addColumn('active_item_id', 'text').execute();
        await db.schema.alterTable('meetings').addColumn('started_at', 'text').execute();
        await db.schema.alterTable('meetings').addColumn('ended_at', 'text').execute();
        await db.schema.alterTable('agenda_items').addColumn('actual_start', 'text').execute();
        await db.schema.alterTable('agenda_items').addColumn('actual_end', 'text').execute();
        await db.schema.alterTable('agenda_items').addColumn('handling', 'text').execute();
        // Bumped on every edit of the item: two secretaries editing one decision never lose an update.
        await db.schema
          .alterTable('agenda_items')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // What happened to a meeting, in order: live viewers replay it from their Last-Event-ID.
        await sql`create table meeting_events (
          id ${autoId},
          meeting_id text not null,
          type text not null,
          data text not null,
          at text not null
        )`.execute(db);
        await db.schema.createIndex('meeting_events_meeting').on('meeting_events').columns(['meeting_id', 'id']).execute();
      },
    },
    '0006_attendance_and_votes': {
      async up(db: AnyDb) {
        // The party group a member sits for (votes may follow group lines).
        await db.schema.alterTable('memberships').addColumn('group_name', 'text').execute();
        await db.schema
          .createTable('attendance')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
          .addColumn('present', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('left_after_item_id', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('attendance_meeting_person').on('attendance').columns(['meeting_id', 'person_id']).unique().execute();
        // Popolo: a VoteEvent on an item, its Votes (per member or per party group) and dissents.
        await db.schema
          .createTable('vote_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
          .addColumn('motion', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema
          .createTable('votes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('vote_event_id', 'text', (c) => c.notNull().references('vote_events.id'))
          .addColumn('person_id', 'text', (c) => c.references('persons.id'))
          .addColumn('group_name', 'text')
          .addColumn('option', 'text', (c) => c.notNull())
          .addColumn('weight', 'integer', (c) => c.notNull())
          .addColumn('dissent', 'text')
          .execute();
        await db.schema.createIndex('votes_event').on('votes').columns(['vote_event_id']).execute();
        // "Godkendelse af referat": the item of a later meeting that approves this meeting's minutes.
        await db.schema.alterTable('agenda_items').addColumn('approves_meeting_id', 'text').execute();
        // A closed item's decision as far as confidentiality allows, published beside the full one.
        await db.schema.alterTable('agenda_items').addColumn('public_decision', 'text').execute();
        await db.schema.alterTable('meetings').addColumn('minutes_approved_at', 'text').execute();
        // Approved minutes are never edited in place: a correction is a version with its reason.
        await db.schema
          .createTable('minutes_corrections')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('author_user_id', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0007_proposals_and_files': {
      async up(db: AnyDb) {
        // Proposals (indstillinger): the row holds the life cycle; the text lives in numbered versions.
        await db.schema
          .createTable('proposals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
          .addColumn('unit_id', 'text', (c) => c.references('organizations.id'))
          .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
          .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('case_number', 'text')
          .addColumn('case_officer_name', 'text')
          .addColumn('case_officer_phone', 'text')
          .addColumn('case_officer_email', 'text')
          .addColumn('proposal_date', 'text')
          .addColumn('planned_minutes', 'integer', (c) => c.notNull())
          .addColumn('author_user_id', 'text')
          .addColumn('submitted_at', 'text')
          .addColumn('late_accepted_at', 'text')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('proposals_meeting').on('proposals').columns(['meeting_id']).execute();
        await db.schema.createIndex('proposals_item').on('proposals').columns(['agenda_item_id']).execute();
        await db.schema
          .createTable('proposal_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id'))
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('content', 'text', (c) => c.notNull())
          .addColumn('change_note', 'text')
          .addColumn('author_user_id', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('proposal_versions_number').on('proposal_versions').columns(['proposal_id', 'number']).unique().execute();
        await db.schema.alterTable('meetings').addColumn('proposal_deadline', 'text').execute();
        // Attachments now carry a stored file and belong to an item or to a proposal.
        const fileColumns = [
          ['proposal_id', 'text'],
          ['file_name', 'text'],
          ['media_type', 'text'],
          ['byte_size', 'integer'],
          ['sha256', 'text'],
          ['pdf_sha256', 'text'],
          ['page_count', 'integer'],
          ['extracted_text', 'text'],
          ['conversion', 'text'],
          ['uploaded_by_user_id', 'text'],
        ] as const;
        if (kind === 'postgres') {
          await sql`alter table attachments alter column agenda_item_id drop not null`.execute(db);
          for (const [name, type] of fileColumns) await db.schema.alterTable('attachments').addColumn(name, type).execute();
        } else {
          // SQLite cannot drop NOT NULL: rebuild the table (nothing references it).
          await sql`create table attachments_new (
            id text primary key,
            agenda_item_id text references agenda_items(id),
            position integer not null,
            title text not null,
            is_public integer not null,
            created text not null,
            modified text not null,
            deleted text,
            ${sql.raw(fileColumns.map(([n, t]) => `${n} ${t}`).join(',\n            '))}
          )`.execute(db);
          await sql`insert into attachments_new (id, agenda_item_id, position, title, is_public, created, modified, deleted)
            select id, agenda_item_id, position, title, is_public, created, modified, deleted from attachments`.execute(db);
          await sql`drop table attachments`.execute(db);
          await sql`alter table attachments_new rename to attachments`.execute(db);
          await db.schema.createIndex('attachments_item').on('attachments').columns(['agenda_item_id', 'position']).execute();
        }
        await db.schema.createIndex('attachments_proposal').on('attachments').columns(['proposal_id', 'position']).execute();
      },
    },
    '0008_structured_decisions': {
      async up(db: AnyDb) {
        // "Øvrige bemærkninger" as a list, and the outcome per at-point of the item's proposal (both JSON).
        await db.schema.alterTable('agenda_items').addColumn('remarks', 'text').execute();
        await db.schema.alterTable('agenda_items').addColumn('outcomes', 'text').execute();
      },
    },
    '0009_digital_minutes_approval': {
      async up(db: AnyDb) {
        // A body that approves its minutes digitally: members approve item by item after the meeting.
        await db.schema
          .alterTable('organizations')
          .addColumn('digital_approval', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('minutes_item_approvals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
          .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('minutes_item_approvals_once').on('minutes_item_approvals').columns(['agenda_item_id', 'person_id']).unique().execute();
      },
    },
    '0010_proposal_templates': {
      async up(db: AnyDb) {
        // A body's own template of proposal sections (JSON [{ key, heading }]); without one, the seed's.
        await db.schema
          .createTable('proposal_templates')
          .addColumn('organization_id', 'text', (c) => c.primaryKey().references('organizations.id'))
          .addColumn('sections', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0011_remark_corrections': {
      async up(db: AnyDb) {
        // A correction to approved minutes may change the remarks and at-point outcomes too
        // (JSON { remarks, outcomes } before and after).
        await db.schema.alterTable('minutes_corrections').addColumn('details_before', 'text').execute();
        await db.schema.alterTable('minutes_corrections').addColumn('details_after', 'text').execute();
      },
    },
    '0012_meeting_record': {
      async up(db: AnyDb) {
        // New items go before a body's closing items (Evt.): a property of the item, set for the
        // existing "any other business" items.
        await db.schema
          .alterTable('agenda_items')
          .addColumn('closing', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await sql`update agenda_items set closing = 1 where kind = 'any_other'`.execute(db);
        // The agenda as it was sent to members (JSON), so changes after sending can be listed.
        await db.schema.alterTable('meetings').addColumn('sent_agenda', 'text').execute();
        // Where a body approves digitally, why the secretariat closed the approval without a majority.
        await db.schema.alterTable('meetings').addColumn('minutes_override_reason', 'text').execute();
      },
    },
    '0013_letterhead': {
      async up(db: AnyDb) {
        // The sender's column of the documents an organization sends (the seed's agenda letterhead):
        // the forvaltning, the unit, a postal address (lines), a phone number and an e-mail address.
        for (const column of ['sender_department', 'sender_unit', 'sender_address', 'sender_phone', 'sender_email']) {
          await db.schema.alterTable('organizations').addColumn(column, 'text').execute();
        }
      },
    },
    '0015_membership_dates': {
      async up(db: AnyDb) {
        // A membership's first and last day (Copenhagen dates, both included; null = open), so the
        // minutes of a past meeting list who was a member then; a disabled user cannot log in.
        await db.schema.alterTable('memberships').addColumn('valid_from', 'text').execute();
        await db.schema.alterTable('memberships').addColumn('valid_to', 'text').execute();
        await db.schema.alterTable('users').addColumn('disabled', 'text').execute();
      },
    },
    '0016_oidc': {
      async up(db: AnyDb) {
        // A user who signs in with OpenID Connect is linked by the provider's (issuer, subject);
        // local users keep both null. Its password hash is a marker no password verifies against.
        await db.schema.alterTable('users').addColumn('oidc_issuer', 'text').execute();
        await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
        await db.schema.createIndex('users_oidc').unique().on('users').columns(['oidc_issuer', 'oidc_subject']).execute();
        // A sign-in under way: the browser's cookie (hashed) → state, nonce and PKCE verifier, used once.
        await db.schema
          .createTable('oidc_logins')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('nonce', 'text', (c) => c.notNull())
          .addColumn('code_verifier', 'text', (c) => c.notNull())
          .addColumn('next', 'text', (c) => c.notNull())
          .addColumn('expires', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0017_blob_store': {
      async up(db: AnyDb) {
        // The backups taken and restored (`raadslag backup`/`restore`): the sweep of unreferenced
        // blobs never removes one stored after the database's last backup point, so a restored
        // older database next to newer files keeps them.
        await db.schema
          .createTable('backups')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('point', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('location', 'text', (c) => c.notNull())
          .execute();
        // BLOB_STORE=postgres: attachment files in the database, in chunks of at most 1 MiB
        // (src/attachments/blob-store-postgres.ts). SQLite has only the local directory.
        if (kind !== 'postgres') return;
        await db.schema
          .createTable('blobs')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('byte_size', 'bigint', (c) => c.notNull())
          .addColumn('chunks', 'integer', (c) => c.notNull())
          .addColumn('stored_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('blob_chunks')
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('data', 'bytea', (c) => c.notNull())
          .addPrimaryKeyConstraint('blob_chunks_pk', ['sha256', 'seq'])
          .execute();
      },
    },
    '0014_account_security': {
      async up(db: AnyDb) {
        // Lockout: consecutive failed logins (wrong passwords and wrong codes) and the end of a lock.
        await db.schema
          .alterTable('users')
          .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('users').addColumn('locked_until', 'text').execute();
        // TOTP: the secret (encrypted when TOTP_SECRET_KEY is set), when it was confirmed (null:
        // enrolment not finished), and the last time step used (a code is accepted once).
        await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
        await db.schema.alterTable('users').addColumn('totp_enabled', 'text').execute();
        await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
        await db.schema
          .createTable('recovery_codes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('code_hash', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('used', 'text')
          .execute();
        await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();
        // A password accepted for an account with TOTP: the short-lived token the code step presents.
        await db.schema
          .createTable('pending_logins')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('expires', 'text', (c) => c.notNull())
          .execute();
        // A session that may only enrol in TOTP (a required role without it): 1 until enrolled.
        await db.schema
          .alterTable('sessions')
          .addColumn('enrol_only', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
    '0018_jobs': {
      async up(db: AnyDb) {
        // Background work claimed in the database (src/jobs): on SQLite this table; on PostgreSQL
        // pg-boss keeps its own tables (created by it, in the schema it is given).
        await db.schema
          .createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('job_key', 'text')
          .addColumn('slot', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('run_at', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_attempts', 'integer', (c) => c.notNull())
          .addColumn('locked_by', 'text')
          .addColumn('locked_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('finished', 'text')
          .execute();
        await db.schema.createIndex('jobs_claim').on('jobs').columns(['name', 'state', 'run_at']).execute();
        // One waiting job per key; one job per recurring slot, ever.
        await sql`create unique index jobs_waiting_key on jobs (name, job_key) where state = 'queued' and job_key is not null`.execute(db);
        await sql`create unique index jobs_slot on jobs (name, slot) where slot is not null`.execute(db);
      },
    },
    '0019_annotations': {
      async up(db: AnyDb) {
        // Notes, highlights and shared comments on the documents of a meeting (src/annotations).
        // A private note is its author's alone; a shared comment names who sees it
        // (annotation_audiences); replies point at their thread's first comment (parent_id).
        await db.schema
          .createTable('annotations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('document_id', 'text')
          .addColumn('document_version', 'text')
          .addColumn('page', 'integer')
          .addColumn('selector', 'text')
          .addColumn('quote', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('visibility', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'text', (c) => c.references('annotations.id'))
          .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('color', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addColumn('deleted', 'text')
          .execute();
        await db.schema.createIndex('annotations_meeting').on('annotations').columns(['meeting_id', 'author_user_id']).execute();
        await db.schema.createIndex('annotations_author').on('annotations').columns(['author_user_id', 'modified']).execute();
        await db.schema.createIndex('annotations_parent').on('annotations').column('parent_id').execute();
        await db.schema.createIndex('annotations_document').on('annotations').columns(['document_id', 'document_version']).execute();
        await db.schema
          .createTable('annotation_audiences')
          .addColumn('annotation_id', 'text', (c) => c.notNull().references('annotations.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull().defaultTo(''))
          .addPrimaryKeyConstraint('annotation_audiences_pk', ['annotation_id', 'kind', 'value'])
          .execute();
        await db.schema.createIndex('annotation_audiences_value').on('annotation_audiences').columns(['kind', 'value']).execute();
        await db.schema
          .createTable('annotation_revisions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('annotation_id', 'text', (c) => c.notNull().references('annotations.id'))
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('body', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('annotation_revisions_annotation').on('annotation_revisions').columns(['annotation_id', 'number']).unique().execute();
        await db.schema
          .createTable('reading_positions')
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('page', 'integer', (c) => c.notNull())
          .addColumn('modified', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('reading_positions_pk', ['user_id', 'meeting_id'])
          .execute();
        await db.schema
          .createTable('notification_settings')
          .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
          .addColumn('agenda_sent', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('agenda_changed', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('modified', 'text', (c) => c.notNull())
          .execute();
        // Days after a member's membership of the body ended that their private notes are kept.
        await db.schema
          .alterTable('organizations')
          .addColumn('note_retention_days', 'integer', (c) => c.notNull().defaultTo(30))
          .execute();
      },
    },
    '0020_attachment_versions': {
      async up(db: AnyDb) {
        // Every file an attachment has had (src/attachments): replacing a file adds a version, the
        // attachments row stays the current one, and earlier versions stay readable (notes made on
        // them point at their PDF). Existing attachments with a file become their version 1.
        await db.schema
          .createTable('attachment_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id'))
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('pdf_sha256', 'text')
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('media_type', 'text')
          .addColumn('byte_size', 'integer')
          .addColumn('page_count', 'integer')
          .addColumn('extracted_text', 'text')
          .addColumn('conversion', 'text')
          .addColumn('uploaded_by_user_id', 'text', (c) => c.references('users.id'))
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('attachment_versions_number').on('attachment_versions').columns(['attachment_id', 'number']).unique().execute();
        await sql`insert into attachment_versions (id, attachment_id, number, sha256, pdf_sha256, file_name, media_type, byte_size, page_count, extracted_text, conversion, uploaded_by_user_id, created)
          select id || '-v1', id, 1, sha256, pdf_sha256, file_name, media_type, byte_size, page_count, extracted_text, conversion, uploaded_by_user_id, modified
          from attachments where sha256 is not null and file_name is not null`.execute(db);
        // What members were last told about a sent agenda (src/notifications): the sending it was
        // (the meeting's published_at) and the agenda, proposal versions and file versions then.
        await db.schema
          .createTable('agenda_notices')
          .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('notified', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0021_search': {
      async up(db: AnyDb) {
        // Full-text search (src/search): one row per searchable text — a meeting, an agenda item (its
        // whole content, and a closed item's public title and decision apart), a proposal's latest
        // version, a follow-up, an attachment's text. The row points at what decides who may see it
        // (meeting, item, proposal, follow-up, attachment); the query joins those live rows.
        // Terms are stemmed in JS (search/model.ts) and indexed as such on both databases.
        await db.schema
          .createTable('search_documents')
          .addColumn('id', 'integer', (c) => (kind === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement()))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('part', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('meeting_id', 'text')
          .addColumn('agenda_item_id', 'text')
          .addColumn('proposal_id', 'text')
          .addColumn('follow_up_id', 'text')
          .addColumn('attachment_id', 'text')
          .addColumn('organization_id', 'text')
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('day', 'integer', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .$call((t) => (kind === 'postgres' ? t.addColumn('terms', sql`tsvector`, (c) => c.notNull()) : t))
          .execute();
        await db.schema.createIndex('search_documents_source').on('search_documents').columns(['kind', 'source_id', 'part']).unique().execute();
        await db.schema.createIndex('search_documents_meeting').on('search_documents').column('meeting_id').execute();
        await db.schema.createIndex('search_documents_item').on('search_documents').column('agenda_item_id').execute();
        await db.schema.createIndex('search_documents_proposal').on('search_documents').column('proposal_id').execute();
        if (kind === 'postgres') await sql`create index search_documents_terms on search_documents using gin (terms)`.execute(db);
        // The terms only (contentless, no positions): the text is in search_documents.
        else
          await sql`create virtual table search_fts using fts5(title, body, content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 0')`.execute(
            db,
          );
        // Which version of the indexing the index was built with (rebuilt at start when it differs).
        await db.schema
          .createTable('search_state')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0022_oparl': {
      async up(db: AnyDb) {
        // OParl (src/publication/oparl): the proposals that share a case number are one Paper, found
        // for each proposal by its case number.
        await db.schema.createIndex('proposals_case_number').on('proposals').columns(['case_number', 'created']).execute();
      },
    },
    '0023_subscriptions': {
      async up(db: AnyDb) {
        // E-mail subscriptions for anyone (src/publication/subscriptions): one row per address and
        // topic (a body, a search, a case), pending until the address confirms; only token hashes.
        await db.schema
          .createTable('subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('topic_kind', 'text', (c) => c.notNull())
          .addColumn('topic_value', 'text', (c) => c.notNull())
          .addColumn('topic_key', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addColumn('expires', 'text')
          .addColumn('confirmed', 'text')
          .execute();
        await db.schema.createIndex('subscriptions_address_topic').on('subscriptions').columns(['email', 'topic_key']).unique().execute();
        await db.schema.createIndex('subscriptions_topic').on('subscriptions').columns(['topic_kind', 'topic_value']).execute();
        // Each agenda sent and minutes approved, once (meeting, kind, instant): what subscribers are told.
        await db.schema
          .createTable('subscription_publications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('subscription_publications_once')
          .on('subscription_publications')
          .columns(['meeting_id', 'kind', 'published_at'])
          .unique()
          .execute();
        // One e-mail to one subscriber (a confirmation: publication_id null), claimed before it is
        // sent (a retry skips it), with its own token (confirm, unsubscribe), stored as a hash.
        await db.schema
          .createTable('subscription_deliveries')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
          .addColumn('publication_id', 'text', (c) => c.references('subscription_publications.id'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('subscription_deliveries_once')
          .on('subscription_deliveries')
          .columns(['publication_id', 'subscription_id'])
          .unique()
          .execute();
        await db.schema.createIndex('subscription_deliveries_subscription').on('subscription_deliveries').column('subscription_id').execute();
      },
    },
    '0024_search_pages': {
      async up(db: AnyDb) {
        // Search (src/search) answers from the index row alone: who may find a text (everyone, the
        // sitters or secretaries of a body, its writer, a follow-up's owner) and whether its item is
        // decided are kept on the row by the indexer, in the change's transaction, so the policy is a
        // WHERE on the index and only the page's hits are joined (and read their text). The title's
        // terms apart (ranking asks them). An attachment's text keeps its pages (form feeds). The
        // index is made anew: emptied here, rebuilt at the next start (INDEX_VERSION).
        if (kind === 'sqlite') await sql`drop table search_fts`.execute(db);
        await db.schema.dropTable('search_documents').execute();
        await db.schema
          .createTable('search_documents')
          .addColumn('id', 'integer', (c) => (kind === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement()))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('part', 'text', (c) => c.notNull())
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('meeting_id', 'text')
          .addColumn('agenda_item_id', 'text')
          .addColumn('proposal_id', 'text')
          .addColumn('follow_up_id', 'text')
          .addColumn('attachment_id', 'text')
          .addColumn('organization_id', 'text')
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('day', 'integer', (c) => c.notNull())
          .addColumn('everyone', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('sitters_org', 'text')
          .addColumn('secretaries_org', 'text')
          .addColumn('hidden_from_org', 'text')
          .addColumn('writer_user_id', 'text')
          .addColumn('writer_unit_id', 'text')
          .addColumn('officer_email', 'text')
          .addColumn('owner_person_id', 'text')
          .addColumn('owner_unit_id', 'text')
          .addColumn('owner_unit_leads', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('decided', 'integer')
          .addColumn('title', 'text', (c) => c.notNull())
          .$call((t) =>
            kind === 'postgres' ? t.addColumn('title_terms', sql`tsvector`, (c) => c.notNull()).addColumn('terms', sql`tsvector`, (c) => c.notNull()) : t,
          )
          .execute();
        // The texts apart, read for the page's hits only: the rows a query reads stay narrow.
        await db.schema
          .createTable('search_texts')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('search_documents_source').on('search_documents').columns(['kind', 'source_id', 'part']).unique().execute();
        await db.schema.createIndex('search_documents_meeting').on('search_documents').column('meeting_id').execute();
        await db.schema.createIndex('search_documents_item').on('search_documents').column('agenda_item_id').execute();
        await db.schema.createIndex('search_documents_proposal').on('search_documents').column('proposal_id').execute();
        await db.schema.createIndex('search_documents_follow_up').on('search_documents').column('follow_up_id').execute();
        // PostgreSQL walks the newest hits by day to bound the candidates it ranks (search/store.ts).
        await db.schema.createIndex('search_documents_day').on('search_documents').columns(['day', 'id']).execute();
        if (kind === 'postgres') {
          await sql`create index search_documents_terms on search_documents using gin (terms)`.execute(db);
          await sql`create index search_documents_title_terms on search_documents using gin (title_terms)`.execute(db);
        } else
          await sql`create virtual table search_fts using fts5(title, body, content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 0')`.execute(
            db,
          );
        await db.deleteFrom('search_state').execute();
      },
    },
    '0025_list_keys': {
      async up(db: AnyDb) {
        // The lists are read a page at a time by key (README "API"): each order with its tiebreaker.
        await db.schema.createIndex('meetings_start_id').on('meetings').columns(['start', 'id']).execute();
        await db.schema.createIndex('proposals_modified_id').on('proposals').columns(['modified', 'id']).execute();
        // followups/store.ts: no due date sorts last, the same on both databases.
        await sql`create index follow_ups_due_key on follow_ups (coalesce(due_date, '9999-12-31'), created, id)`.execute(db);
        await db.schema.createIndex('persons_name').on('persons').columns(['name', 'id']).execute();
      },
    },
  };
}
