// Sign-in with OpenID Connect (Entra ID, AD FS, a broker in front of KOMBIT's Context handler):
// authorization code flow with PKCE (S256), state and nonce; the user is linked by the provider's
// (issuer, subject), created at the first sign-in when the configuration allows, and their
// memberships and administrator flag follow the groups/roles claim when a mapping is configured.
// Every sign-in, and every refusal, is audited; a refusal is a reason the login page shows.
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';
import type { Db, Tx } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import { writeAudit } from '../audit/audit.ts';
import { AppError, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { copenhagenDate, nowIso, nowMs } from '../lib/time.ts';
import type { Problem } from '../shared/reasons.ts';
import { startSession } from './operations.ts';

/** The cookie that ties the browser to the sign-in it started (its value is hashed server-side). */
export const OIDC_COOKIE = 'raadslag_oidc';
/** How long a started sign-in may take at the provider. */
export const OIDC_LOGIN_SECONDS = 10 * 60;
/** The password hash of a user who signs in with OpenID Connect: not an argon2 hash, so no password matches it. */
export const NO_PASSWORD = '!oidc';

const USERNAME = /^[a-zA-Z0-9._@-]{2,64}$/;
const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** A sign-in that did not go through: the login page shows the reason. */
export class OidcRefusal extends AppError {
  constructor(problem: Problem) {
    super('forbidden', problem);
  }
}

/** Where to go after signing in: a path of this app only (never another site, never protocol-relative). */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.length > 500) return '/';
  return next;
}

/** A claim by name, or by a dotted path into nested claims (Keycloak's realm_access.roles). */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), claims);
}

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);

/** What a provider's ID token says about the user, as Rådslag maps it. */
export interface SignedInIdentity {
  issuer: string;
  subject: string;
  username: string | null;
  name: string | null;
  email: string | null;
  groups: string[];
}

export class OidcSignIn {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    private readonly db: Db,
    private readonly cfg: OidcConfig,
    private readonly sessionDays: number,
  ) {}

  /** The provider's metadata, discovered once (again after a failure). http:// is allowed only on loopback (tests, a local broker). */
  private configuration(): Promise<client.Configuration> {
    this.discovered ??= (async () => {
      const issuer = new URL(this.cfg.issuer);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      return client.discovery(
        issuer,
        this.cfg.clientId,
        this.cfg.clientSecret ?? undefined,
        this.cfg.clientSecret ? client.ClientSecretPost(this.cfg.clientSecret) : client.None(),
        { execute: issuer.protocol === 'http:' && loopback ? [client.allowInsecureRequests] : [], timeout: 15 },
      );
    })().catch((error: unknown) => {
      this.discovered = null;
      throw error;
    });
    return this.discovered;
  }

  /** Starts a sign-in: the provider's URL to send the browser to, and the cookie value that finishes it. */
  async start(opts: { redirectUri: string; next?: string }): Promise<{ url: URL; cookie: string }> {
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration();
    } catch (error) {
      throw Object.assign(new OidcRefusal(why('oidc.failed')), { cause: error });
    }
    const cookie = randomBytes(32).toString('base64url');
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const now = nowIso();
    await this.db.deleteFrom('oidcLogins').where('expires', '<', now).execute();
    await this.db
      .insertInto('oidcLogins')
      .values({
        idHash: hash(cookie),
        state,
        nonce,
        codeVerifier,
        next: safeNext(opts.next),
        expires: new Date(nowMs() + OIDC_LOGIN_SECONDS * 1000).toISOString(),
      })
      .execute();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: opts.redirectUri,
      scope: this.cfg.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, cookie };
  }

  /**
   * Finishes a sign-in at the callback: checks the cookie's state, exchanges the code (PKCE
   * verifier, nonce checked), maps the claims, finds or creates the user and starts a session.
   * Throws OidcRefusal (audited) when the user may not sign in.
   */
  async finish(opts: { cookie: string | undefined; currentUrl: URL; redirectUri: string }): Promise<{ token: string; expires: string; next: string }> {
    const params = opts.currentUrl.searchParams;
    const pending = opts.cookie ? await this.db.deleteFrom('oidcLogins').where('idHash', '=', hash(opts.cookie)).returningAll().executeTakeFirst() : undefined;
    if (!pending || pending.expires <= nowIso() || params.get('state') !== pending.state) {
      throw await this.refuse(why('oidc.state'), { state: params.get('state') ? 'mismatch' : 'missing', started: !!pending });
    }
    const providerError = params.get('error');
    if (providerError) {
      const error = /^[\w.-]{1,64}$/.test(providerError) ? providerError : 'error';
      throw await this.refuse(why('oidc.provider_error', { error }), { description: params.get('error_description')?.slice(0, 300) ?? null });
    }
    let identity: SignedInIdentity;
    try {
      const configuration = await this.configuration();
      // openid-client reads the response from the URL it was sent to: the callback's own address.
      const callback = new URL(opts.redirectUri);
      callback.search = opts.currentUrl.search;
      const tokens = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()! as Record<string, unknown>;
      const email = typeof claims.email === 'string' ? claims.email : null;
      const username = claimAt(claims, this.cfg.usernameClaim);
      identity = {
        issuer: String(claims.iss),
        subject: String(claims.sub),
        username: typeof username === 'string' && username ? username : email,
        name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : null,
        email,
        groups: asStrings(claimAt(claims, this.cfg.groupsClaim)),
      };
    } catch (error) {
      throw Object.assign(await this.refuse(why('oidc.failed'), { error: error instanceof Error ? error.message.slice(0, 300) : 'unknown' }), { cause: error });
    }
    const outcome = await this.db.transaction().execute((tx) => this.signIn(tx, identity));
    if ('refusal' in outcome) throw outcome.refusal;
    return { ...outcome, next: pending.next };
  }

  /** Audits a refusal (no user is created) and returns it to throw. */
  private async refuse(problem: Problem, detail: Record<string, unknown> = {}, tx?: Tx): Promise<OidcRefusal> {
    const write = (t: Tx) =>
      writeAudit(t, {
        actorUserId: (detail.userId as string | undefined) ?? null,
        action: 'session.refuse',
        objectType: 'oidc',
        objectId: (detail.subject as string | undefined) ?? '-',
        after: { reason: problem.reason, ...problem.params, issuer: this.cfg.issuer, ...detail },
      });
    if (tx) await write(tx);
    else await this.db.transaction().execute(write);
    return new OidcRefusal(problem);
  }

  private async signIn(tx: Tx, id: SignedInIdentity): Promise<{ token: string; expires: string } | { refusal: OidcRefusal }> {
    const who = { subject: id.subject, username: id.username, groups: id.groups };
    const refuse = async (problem: Problem, userId?: string) => ({ refusal: await this.refuse(problem, { ...who, userId }, tx) });
    const grants = await this.grantsFor(tx, id.groups);
    const admin = this.cfg.adminGroups.length > 0 ? id.groups.some((g) => this.cfg.adminGroups.includes(g)) : null;
    const mapped = grants.length > 0 || admin === true;

    let user = await tx
      .selectFrom('users')
      .select(['id', 'personId', 'username', 'isAdmin', 'disabled'])
      .where('oidcIssuer', '=', id.issuer)
      .where('oidcSubject', '=', id.subject)
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (user?.disabled) return refuse(why('access.user_disabled'), user.id);
    if (!user) {
      if (this.cfg.newUsers === 'none') return refuse(why('oidc.not_linked'));
      if (this.cfg.newUsers === 'mapped' && !mapped) return refuse(why('oidc.unmapped'));
      if (!id.username || !USERNAME.test(id.username)) return refuse(why('oidc.no_username', { claim: this.cfg.usernameClaim }));
      if (await tx.selectFrom('users').select('id').where('username', '=', id.username).executeTakeFirst()) {
        return refuse(why('oidc.username_taken', { username: id.username }));
      }
      user = await this.createUser(tx, id, grants[0]?.bodyId, admin === true);
    } else if (this.cfg.newUsers === 'mapped' && this.cfg.roleMap && !mapped) {
      // Taken out of every mapped group: the memberships end and the user may no longer sign in.
      await this.syncMemberships(tx, user, grants);
      const refusal = await this.refuse(why('oidc.unmapped'), { ...who, userId: user.id }, tx);
      return { refusal };
    }
    if (this.cfg.roleMap) await this.syncMemberships(tx, user, grants);
    if (admin !== null && (user.isAdmin === 1) !== admin) {
      await tx
        .updateTable('users')
        .set({ isAdmin: admin ? 1 : 0, modified: nowIso() })
        .where('id', '=', user.id)
        .execute();
      await writeAudit(tx, {
        actorUserId: user.id,
        action: 'user.update',
        objectType: 'user',
        objectId: user.id,
        before: { isAdmin: user.isAdmin === 1 },
        after: { isAdmin: admin, by: 'oidc' },
      });
    }
    await writeAudit(tx, {
      actorUserId: user.id,
      action: 'session.oidc',
      objectType: 'user',
      objectId: user.id,
      after: { issuer: id.issuer, subject: id.subject, groups: id.groups },
    });
    return startSession(tx, user.id, this.sessionDays);
  }

  /** The organizations and roles the groups map to (organizations by short name, name or id; unknown ones are skipped). */
  private async grantsFor(tx: Tx, groups: string[]): Promise<{ organizationId: string; bodyId: string; role: Role }[]> {
    if (!this.cfg.roleMap) return [];
    const wanted = groups.flatMap((g) => (Object.hasOwn(this.cfg.roleMap!, g) ? this.cfg.roleMap![g] : []));
    const out = new Map<string, { organizationId: string; bodyId: string; role: Role }>();
    for (const w of wanted) {
      const org = await this.organization(tx, w.organization);
      if (org) out.set(`${org.id} ${w.role}`, { organizationId: org.id, bodyId: org.bodyId, role: w.role });
    }
    return [...out.values()];
  }

  private organization(tx: Tx, key: string) {
    return tx
      .selectFrom('organizations')
      .select(['id', 'bodyId'])
      .where((eb) => eb.or([eb('shortName', '=', key), eb('name', '=', key), eb('id', '=', key)]))
      .where('deleted', 'is', null)
      .executeTakeFirst();
  }

  private async createUser(tx: Tx, id: SignedInIdentity, bodyId: string | undefined, isAdmin: boolean) {
    const body = bodyId ?? (await tx.selectFrom('bodies').select('id').executeTakeFirst())?.id;
    if (!body) throw new AppError('conflict', why('access.no_body'));
    const now = nowIso();
    const personId = newId();
    const userId = newId();
    await tx
      .insertInto('persons')
      .values({ id: personId, bodyId: body, name: id.name ?? id.username!, initials: null, email: id.email, created: now, modified: now, deleted: null })
      .execute();
    await tx
      .insertInto('users')
      .values({
        id: userId,
        personId,
        username: id.username!,
        passwordHash: NO_PASSWORD,
        isAdmin: isAdmin ? 1 : 0,
        oidcIssuer: id.issuer,
        oidcSubject: id.subject,
        created: now,
        modified: now,
        deleted: null,
      })
      .execute();
    await writeAudit(tx, {
      actorUserId: null,
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      after: { username: id.username, isAdmin, oidc: { issuer: id.issuer, subject: id.subject } },
    });
    return { id: userId, personId, username: id.username!, isAdmin: isAdmin ? 1 : 0, disabled: null };
  }

  /**
   * The claims decide the memberships in the organizations the role map names: a missing one
   * begins today, one no longer claimed ends yesterday (or is withdrawn if it began today).
   * Memberships in organizations the map does not name are managed in Rådslag and left alone.
   */
  private async syncMemberships(tx: Tx, user: { id: string; personId: string }, grants: { organizationId: string; role: Role }[]) {
    const managed = new Set<string>();
    for (const list of Object.values(this.cfg.roleMap ?? {})) {
      for (const w of list) {
        const org = await this.organization(tx, w.organization);
        if (org) managed.add(org.id);
      }
    }
    if (managed.size === 0) return;
    const today = copenhagenDate();
    const current = await tx
      .selectFrom('memberships')
      .select(['id', 'organizationId', 'role', 'validFrom'])
      .where('personId', '=', user.personId)
      .where('deleted', 'is', null)
      .where('organizationId', 'in', [...managed])
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
      .execute();
    const now = nowIso();
    const key = (m: { organizationId: string; role: string }) => `${m.organizationId} ${m.role}`;
    const wanted = new Set(grants.map(key));
    const held = new Set(current.map(key));
    for (const m of current) {
      if (wanted.has(key(m))) continue;
      const withdraw = m.validFrom !== null && m.validFrom >= today;
      await tx
        .updateTable('memberships')
        .set(withdraw ? { deleted: now, modified: now } : { validTo: copenhagenDate(-1), modified: now })
        .where('id', '=', m.id)
        .execute();
      await writeAudit(tx, {
        actorUserId: user.id,
        action: withdraw ? 'membership.delete' : 'membership.end',
        objectType: 'membership',
        objectId: m.id,
        before: { organizationId: m.organizationId, role: m.role },
        after: withdraw ? { by: 'oidc' } : { validTo: copenhagenDate(-1), by: 'oidc' },
      });
    }
    for (const g of grants) {
      if (held.has(key(g))) continue;
      const id = newId();
      await tx
        .insertInto('memberships')
        .values({
          id,
          personId: user.personId,
          organizationId: g.organizationId,
          role: g.role,
          groupName: null,
          validFrom: today,
          validTo: null,
          created: now,
          modified: now,
          deleted: null,
        })
        .execute();
      await writeAudit(tx, {
        actorUserId: user.id,
        action: 'membership.create',
        objectType: 'membership',
        objectId: id,
        after: { personId: user.personId, organizationId: g.organizationId, role: g.role, validFrom: today, by: 'oidc' },
      });
    }
  }
}
