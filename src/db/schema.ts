// Table types as Kysely sees them (camelCase; columns are snake_case in the database).
// Portable types: text ids (UUID), ISO 8601 UTC text timestamps, integer 0/1 booleans.
import type { Generated } from 'kysely';

interface Lifecycle {
  created: string;
  modified: string;
  deleted: string | null;
}

export interface BodyTable extends Lifecycle {
  id: string;
  name: string;
}

export type OrganizationKind = 'council' | 'committee' | 'executive' | 'alderman' | 'unit';

export interface OrganizationTable extends Lifecycle {
  id: string;
  bodyId: string;
  name: string;
  shortName: string | null;
  kind: OrganizationKind;
  parentId: string | null;
  /** A unit's shared mailbox (reminders for follow-ups it owns go here). */
  email: string | null;
  /** 1: the members approve the minutes digitally, item by item. */
  digitalApproval: Generated<number>;
  /** The sender's column of its documents (the agenda's letterhead): forvaltning, unit, address lines, phone, e-mail. */
  senderDepartment: string | null;
  senderUnit: string | null;
  senderAddress: string | null;
  senderPhone: string | null;
  senderEmail: string | null;
  /** Days after a member's membership ended that their private notes are kept, then deleted. */
  noteRetentionDays: Generated<number>;
}

export interface PersonTable extends Lifecycle {
  id: string;
  bodyId: string;
  name: string;
  initials: string | null;
  email: string | null;
}

export type Role = 'chair' | 'member' | 'secretary' | 'employee';

export interface MembershipTable extends Lifecycle {
  id: string;
  personId: string;
  organizationId: string;
  role: Role;
  /** The party group the member sits for. */
  groupName: string | null;
  /** First and last day of the membership (YYYY-MM-DD, both included); null = open. */
  validFrom: string | null;
  validTo: string | null;
}

export interface UserTable extends Lifecycle {
  id: string;
  personId: string;
  username: string;
  passwordHash: string;
  isAdmin: number;
  /** When an administrator disabled the user (cannot log in, sessions dead); null = enabled. */
  disabled: string | null;
  /** OpenID Connect: the provider's issuer and subject this user is linked to; null for local users. */
  oidcIssuer: string | null;
  oidcSubject: string | null;
  /** Consecutive failed logins (wrong passwords and wrong codes); 0 after a success or a lock. */
  failedLogins: Generated<number>;
  /** Locked after too many failed logins until then (ISO); null = not locked. */
  lockedUntil: string | null;
  /** The TOTP secret (see src/access/totp.ts: encrypted when TOTP_SECRET_KEY is set); null = none. */
  totpSecret: string | null;
  /** When the user confirmed TOTP with a first code; null = TOTP off (or enrolment not finished). */
  totpEnabled: string | null;
  /** The last TOTP time step accepted, so a code is used once. */
  totpLastStep: number | null;
}

/** An OpenID Connect sign-in under way (see src/access/oidc.ts), found by its cookie's hash. */
export interface OidcLoginTable {
  idHash: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  expires: string;
}

export interface SessionTable {
  id: string;
  userId: string;
  tokenHash: string;
  created: string;
  expires: string;
  revoked: string | null;
  /** 1: the user must enrol in TOTP before anything else (a required role without it). */
  enrolOnly: Generated<number>;
}

/** A TOTP recovery code (stored hashed), each usable once. */
export interface RecoveryCodeTable {
  id: string;
  userId: string;
  codeHash: string;
  created: string;
  used: string | null;
}

/** A password accepted for an account with TOTP, waiting for the code (short-lived). */
export interface PendingLoginTable {
  id: string;
  userId: string;
  tokenHash: string;
  expires: string;
}

export interface MeetingTable extends Lifecycle {
  id: string;
  organizationId: string;
  title: string;
  start: string;
  end: string;
  location: string | null;
  state: string;
  agendaVersion: number;
  /** Bumped on every change a calendar client must see (RFC 5545 SEQUENCE). */
  sequence: Generated<number>;
  /** When the agenda was first published; kept when the meeting is cancelled. */
  publishedAt: string | null;
  planId: string | null;
  /** Live mode: the item being handled, and when the meeting started and ended. */
  activeItemId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  minutesApprovedAt: string | null;
  /** When proposals are due; null means the default (see proposals/model.ts). */
  proposalDeadline: string | null;
  /** JSON SentItem[]: the agenda as last sent to members (see meetings/model.ts agendaChanges). */
  sentAgenda: string | null;
  /** Digital approval closed by the secretariat without a majority on every item: the stated reason. */
  minutesOverrideReason: string | null;
}

export interface AgendaItemTable extends Lifecycle {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  plannedMinutes: number;
  kind: string;
  isPublic: number;
  subheading: string | null;
  responsible: string | null;
  purpose: string | null;
  method: string | null;
  publicTitle: string | null;
  legalBasis: string | null;
  decision: string | null;
  /** The annual-wheel entry this item was placed from, if any. */
  wheelEntryId: string | null;
  /** When the item was actually taken up and left during the meeting. */
  actualStart: string | null;
  actualEnd: string | null;
  /** Set when a meeting ends with the item untouched: 'not_handled' or 'moved' (to the next meeting). */
  handling: string | null;
  /** Bumped on every edit of the item (optimistic locking). */
  version: Generated<number>;
  /** For "Godkendelse af referat": the earlier meeting whose minutes this item approves. */
  approvesMeetingId: string | null;
  /** A closed item's decision as far as confidentiality allows (what the public reads). */
  publicDecision: string | null;
  /** JSON string[]: "Øvrige bemærkninger", one remark each. */
  remarks: string | null;
  /** JSON { point, outcome }[]: the outcome per at-point of the item's proposal. */
  outcomes: string | null;
  /** 1: a closing item (Evt.): items added without a position go before the agenda's closing items. */
  closing: Generated<number>;
}

/** A file (bilag) on an agenda item or on a proposal; a row without a file is a named placeholder. */
export interface AttachmentTable extends Lifecycle {
  id: string;
  agendaItemId: string | null;
  proposalId: string | null;
  position: number;
  title: string;
  isPublic: number;
  fileName: string | null;
  mediaType: string | null;
  byteSize: number | null;
  /** The stored original, content-addressed. */
  sha256: string | null;
  /** The PDF the package uses: the original for a PDF, else the converted one (null when conversion was not possible). */
  pdfSha256: string | null;
  pageCount: number | null;
  extractedText: string | null;
  /** 'native' (a PDF or image), 'converted' (LibreOffice), 'unavailable' (no converter), 'failed'. */
  conversion: string | null;
  uploadedByUserId: string | null;
}

export interface ProposalTable extends Lifecycle {
  id: string;
  /** The deciding organization the proposal is addressed to. */
  organizationId: string;
  /** The unit that writes it (e.g. Fagligt Sekretariat). */
  unitId: string | null;
  meetingId: string | null;
  agendaItemId: string | null;
  state: string;
  title: string;
  caseNumber: string | null;
  caseOfficerName: string | null;
  caseOfficerPhone: string | null;
  caseOfficerEmail: string | null;
  /** YYYY-MM-DD, the date printed on the proposal. */
  proposalDate: string | null;
  plannedMinutes: number;
  authorUserId: string | null;
  submittedAt: string | null;
  lateAcceptedAt: string | null;
  /** Optimistic locking. */
  version: Generated<number>;
}

/** A body's own template of proposal sections. */
export interface ProposalTemplateTable {
  organizationId: string;
  /** JSON: TemplateSection[] (see proposals/model.ts). */
  sections: string;
  created: string;
  modified: string;
}

export interface ProposalVersionTable {
  id: string;
  proposalId: string;
  number: number;
  /** JSON: ProposalContent (see proposals/model.ts). */
  content: string;
  changeNote: string | null;
  authorUserId: string | null;
  created: string;
  modified: string;
}

export interface MeetingPlanTable extends Lifecycle {
  id: string;
  organizationId: string;
  year: number;
  title: string;
  status: string;
  revisesId: string | null;
  /** JSON: the recurrence rule (see planning/model.ts). */
  rule: string;
  /** JSON: holidays and exceptions. */
  exceptions: string;
  approved: string | null;
}

export interface FollowUpTable extends Lifecycle {
  id: string;
  /** The political organization whose decision the follow-up comes from. */
  organizationId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  text: string;
  ownerUnitId: string | null;
  ownerPersonId: string | null;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  focusArea: string | null;
  status: string;
  /** When it was last marked done (cleared when reopened). */
  doneAt: string | null;
  createdByUserId: string | null;
  remindedSoon: string | null;
  remindedOverdue: string | null;
}

export interface FollowUpNoteTable {
  id: string;
  followUpId: string;
  authorUserId: string | null;
  text: string;
  created: string;
}

export interface AnnualWheelTable extends Lifecycle {
  id: string;
  organizationId: string;
  year: number;
  title: string;
  status: string;
  approved: string | null;
}

export interface WheelEntryTable extends Lifecycle {
  id: string;
  wheelId: string;
  title: string;
  /** 1–12, or null when the entry follows `afterDate`. */
  month: number | null;
  /** MM-DD: the entry goes to the first meeting after this date. */
  afterDate: string | null;
  kind: string;
  reason: string | null;
  unitId: string | null;
  responsible: string | null;
  minutes: number;
  method: string | null;
}

/** A secret, revocable address for one user's personal calendar feed (only its hash is kept). */
export interface CalendarTokenTable {
  id: string;
  userId: string;
  tokenHash: string;
  created: string;
  revoked: string | null;
}

export interface MeetingEventTable {
  id: Generated<number>;
  meetingId: string;
  type: string;
  /** JSON. Never item content: viewers re-read the meeting through the policy. */
  data: string;
  at: string;
}

export interface AttendanceTable {
  id: string;
  meetingId: string;
  personId: string;
  present: number;
  reason: string | null;
  /** A member who left during the meeting: the last item they took part in. */
  leftAfterItemId: string | null;
  created: string;
  modified: string;
}

export interface VoteEventTable extends Lifecycle {
  id: string;
  agendaItemId: string;
  motion: string;
}

export type VoteOption = 'for' | 'against' | 'blank' | 'absent';

export interface VoteTable {
  id: string;
  voteEventId: string;
  /** A member's own vote, or … */
  personId: string | null;
  /** … a party group's, counted `weight` times. */
  groupName: string | null;
  option: VoteOption;
  weight: number;
  /** A member's dissent ("afvigende mening"). */
  dissent: string | null;
}

export interface MinutesCorrectionTable {
  id: string;
  meetingId: string;
  agendaItemId: string;
  /** The decision as approved (or as last corrected), and as corrected. */
  before: string | null;
  after: string | null;
  reason: string;
  /** JSON { remarks, outcomes }: before and after, when the correction changed them. */
  detailsBefore: string | null;
  detailsAfter: string | null;
  authorUserId: string | null;
  created: string;
}

/** A member's digital approval of one item of the minutes. */
export interface MinutesItemApprovalTable {
  id: string;
  meetingId: string;
  agendaItemId: string;
  personId: string;
  created: string;
}

export interface AuditEntryTable {
  id: Generated<number>;
  at: string;
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  before: string | null;
  after: string | null;
}

export interface Database {
  bodies: BodyTable;
  organizations: OrganizationTable;
  persons: PersonTable;
  memberships: MembershipTable;
  users: UserTable;
  sessions: SessionTable;
  recoveryCodes: RecoveryCodeTable;
  pendingLogins: PendingLoginTable;
  meetings: MeetingTable;
  meetingPlans: MeetingPlanTable;
  calendarTokens: CalendarTokenTable;
  followUps: FollowUpTable;
  annualWheels: AnnualWheelTable;
  wheelEntries: WheelEntryTable;
  followUpNotes: FollowUpNoteTable;
  agendaItems: AgendaItemTable;
  attachments: AttachmentTable;
  proposals: ProposalTable;
  proposalVersions: ProposalVersionTable;
  proposalTemplates: ProposalTemplateTable;
  auditEntries: AuditEntryTable;
  oidcLogins: OidcLoginTable;
  meetingEvents: MeetingEventTable;
  attendance: AttendanceTable;
  voteEvents: VoteEventTable;
  votes: VoteTable;
  minutesCorrections: MinutesCorrectionTable;
  minutesItemApprovals: MinutesItemApprovalTable;
  backups: BackupTable;
  blobs: BlobTable;
  blobChunks: BlobChunkTable;
  jobs: JobTable;
  annotations: AnnotationTable;
  annotationAudiences: AnnotationAudienceTable;
  annotationRevisions: AnnotationRevisionTable;
  readingPositions: ReadingPositionTable;
  notificationSettings: NotificationSettingTable;
  searchDocuments: SearchDocumentTable;
  searchTexts: SearchTextTable;
  searchState: SearchStateTable;
  attachmentVersions: AttachmentVersionTable;
  agendaNotices: AgendaNoticeTable;
  subscriptions: SubscriptionTable;
  subscriptionPublications: SubscriptionPublicationTable;
  subscriptionDeliveries: SubscriptionDeliveryTable;
}

/** A backup taken or restored; `point` is the instant the database copy reflects (the sweep keeps blobs stored after the latest). */
export interface BackupTable {
  id: string;
  kind: 'backup' | 'restore';
  point: string;
  at: string;
  location: string;
}

/** BLOB_STORE=postgres only: a stored attachment file; its bytes are in blob_chunks. */
export interface BlobTable {
  sha256: string;
  byteSize: number | string;
  chunks: number;
  storedAt: number | string;
}

export interface BlobChunkTable {
  sha256: string;
  seq: number;
  data: Buffer;
}

/** Background work on SQLite (src/jobs): claimed by setting locked_by/locked_until; on PostgreSQL pg-boss's own tables. */
export interface JobTable {
  id: string;
  name: string;
  payload: string;
  jobKey: string | null;
  slot: string | null;
  state: 'queued' | 'active' | 'done' | 'failed';
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  created: string;
  finished: string | null;
}

/** Where a note sits: on the whole item, or on a passage of one version of a document. */
export type AnnotationTarget = 'item' | 'proposal' | 'attachment';
/** A note (private, with text), a highlight (private, maybe without text), a comment (shared). */
export type AnnotationKind = 'note' | 'highlight' | 'comment';

/** A private note, a highlight or a shared comment (src/annotations). */
export interface AnnotationTable extends Lifecycle {
  /** Made by the client, so a note written offline is saved once however often it is sent. */
  id: string;
  authorUserId: string;
  meetingId: string;
  agendaItemId: string | null;
  target: AnnotationTarget;
  /** The proposal's or the attachment's id; null for a note on the whole item. */
  documentId: string | null;
  /** The version the passage was marked in: a proposal's version number, an attachment's PDF SHA-256. */
  documentVersion: string | null;
  /** 1-based page within the document (not the package). */
  page: number | null;
  /** JSON: W3C Web Annotation selectors — {exact, prefix, suffix} (TextQuoteSelector) and {start, end} (TextPositionSelector, in the page's text). */
  selector: string | null;
  /** The quoted passage (selector's exact), kept for overviews and search. */
  quote: string | null;
  kind: AnnotationKind;
  visibility: 'private' | 'shared';
  /** A reply: the thread's first comment (which holds the audience). */
  parentId: string | null;
  body: Generated<string>;
  color: string | null;
}

/**
 * Who sees a shared comment: the body's members, a party group (value = its name), the secretariat, or a person (value = person id).
 * kind 'mention': a person named with @ in the annotation (value = person id); grants nothing, the person is already in the audience.
 */
export interface AnnotationAudienceTable {
  annotationId: string;
  kind: 'members' | 'group' | 'secretariat' | 'person' | 'mention';
  value: Generated<string>;
}

/** An earlier text of an annotation, kept when its author edits or deletes it (body null = deleted). */
export interface AnnotationRevisionTable {
  id: string;
  annotationId: string;
  number: number;
  body: string | null;
  created: string;
}

/** Where a reader left off in a meeting's package (1-based page of the package). */
export interface ReadingPositionTable {
  userId: string;
  meetingId: string;
  page: number;
  modified: string;
}

/** A user's e-mail notifications (1 = on); no row = all on. */
export interface NotificationSettingTable {
  userId: string;
  agendaSent: Generated<number>;
  agendaChanged: Generated<number>;
  mentions: Generated<number>;
  modified: string;
}

/** One file an attachment has had (number 1, 2, …); the attachments row holds the current one. */
export interface AttachmentVersionTable {
  id: string;
  attachmentId: string;
  number: number;
  sha256: string;
  pdfSha256: string | null;
  fileName: string;
  mediaType: string | null;
  byteSize: number | null;
  pageCount: number | null;
  extractedText: string | null;
  conversion: string | null;
  uploadedByUserId: string | null;
  created: string;
}

/** What members were last told about a meeting's sent agenda (src/notifications). */
export interface AgendaNoticeTable {
  meetingId: string;
  /** The sending (meetings.published_at) the notice belongs to. */
  publishedAt: string;
  /** JSON: notifications/model.ts NoticeState. */
  state: string;
  notified: string;
}

/** One searchable text (src/search); who may find it is decided by the live rows it points at. */
export interface SearchDocumentTable {
  id: Generated<number>;
  /** meeting, item, proposal, attachment, followup. */
  kind: string;
  /** 'full', or 'public': a closed item's public title and decision, for those who may not see the item. */
  part: string;
  sourceId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  proposalId: string | null;
  followUpId: string | null;
  attachmentId: string | null;
  organizationId: string | null;
  /** YYYY-MM-DD: the meeting's day, else when it was written. */
  date: string;
  /** `date` as days since 1970 (ranking). */
  day: number;
  /** Who may find it (search/audience.ts), kept current by the indexer. */
  everyone: Generated<number>;
  sittersOrg: string | null;
  secretariesOrg: string | null;
  hiddenFromOrg: string | null;
  writerUserId: string | null;
  writerUnitId: string | null;
  officerEmail: string | null;
  ownerPersonId: string | null;
  ownerUnitId: string | null;
  ownerUnitLeads: Generated<number>;
  /** 1/0 for the texts of an item (its decision written), null for others. */
  decided: number | null;
  title: string;
  /** PostgreSQL only: the title's stemmed terms, and all of them. */
  titleTerms?: string;
  terms?: string;
}

/** The text of a search document (same id), read for the page's hits only. An attachment's pages are separated by form feeds. */
export interface SearchTextTable {
  id: number;
  body: string;
}

export interface SearchStateTable {
  key: string;
  value: string;
}

/** An e-mail subscription (src/publication/subscriptions): pending (until `expires`) until confirmed. */
export interface SubscriptionTable {
  id: string;
  email: string;
  topicKind: 'organization' | 'search' | 'case';
  topicValue: string;
  topicKey: string;
  created: string;
  expires: string | null;
  confirmed: string | null;
}

/** An agenda sent or minutes approved, recorded once for the subscribers' e-mail. */
export interface SubscriptionPublicationTable {
  id: string;
  meetingId: string;
  kind: 'agenda' | 'minutes';
  publishedAt: string;
  created: string;
}

/** One e-mail to a subscriber: claimed (sending) before it goes, sent after; its unsubscribe token's hash. */
export interface SubscriptionDeliveryTable {
  id: string;
  subscriptionId: string;
  publicationId: string | null;
  tokenHash: string;
  state: 'sending' | 'sent';
  created: string;
}
