// Why the server refused a request, as a stable reason with parameters, and its words in English
// and Danish: the one catalog. The server words `message` from the English text; the web app shows
// the text in the reader's language, whether the schema caught the problem in the browser or the
// server did. {name} in a text is filled from the problem's params; {name:clock} is a clock time
// ("02:30") written as the language writes it ("02.30" in Danish).

export type ReasonParams = Record<string, string | number>;
type Texts = { en: string; da: string };

const catalog = {
  // zod's built-in checks, by issue code and what was checked (see problemOfIssue).
  invalid_type: { en: 'is missing or of the wrong type', da: 'mangler eller har forkert type' },
  'too_small.string': { en: 'at least {minimum} characters', da: 'mindst {minimum} tegn' },
  'too_small.number': { en: 'at least {minimum}', da: 'mindst {minimum}' },
  'too_small.array': { en: 'at least {minimum} entries', da: 'mindst {minimum} elementer' },
  too_small: { en: 'too small (at least {minimum})', da: 'for lille (mindst {minimum})' },
  'too_big.string': { en: 'at most {maximum} characters', da: 'højst {maximum} tegn' },
  'too_big.number': { en: 'at most {maximum}', da: 'højst {maximum}' },
  'too_big.array': { en: 'at most {maximum} entries', da: 'højst {maximum} elementer' },
  too_big: { en: 'too big (at most {maximum})', da: 'for stor (højst {maximum})' },
  'invalid_format.email': { en: 'is not an e-mail address', da: 'Skriv en e-postadresse, fx navn@aarhus.dk.' },
  'invalid_format.datetime': { en: 'is not a date-time', da: 'er ikke et tidspunkt' },
  'invalid_format.date': { en: 'is not a date', da: 'er ikke en dato' },
  'invalid_format.uuid': { en: 'is not an id', da: 'er ikke et id' },
  invalid_format: { en: 'has the wrong format', da: 'har et forkert format' },
  not_multiple_of: { en: 'must be a multiple of {divisor}', da: 'skal gå op i {divisor}' },
  unrecognized_keys: { en: 'unknown field(s): {keys}', da: 'ukendte felter: {keys}' },
  invalid_value: { en: 'is not one of the allowed values', da: 'er ikke en af de tilladte værdier' },
  invalid_union: { en: 'is invalid', da: 'er ugyldig' },
  invalid_key: { en: 'has an invalid key', da: 'har en ugyldig nøgle' },
  invalid_element: { en: 'has an invalid element', da: 'har et ugyldigt element' },
  custom: { en: 'is invalid', da: 'er ugyldig' },

  // The shared schemas' own checks (src/*/schemas.ts).
  'text.empty': { en: 'must not be empty', da: 'må ikke være tom' },
  'text.control': { en: 'control characters are not allowed', da: 'kontroltegn er ikke tilladt' },
  'date.format': { en: 'must be a date such as 2026-02-04', da: 'skal være en dato, fx 2026-02-04' },
  'date.not_in_calendar': { en: 'is not a date in the calendar', da: 'er ikke en dato, der findes' },
  'datetime.format': { en: 'must be a date-time such as 2026-02-04T20:00', da: 'skal være et tidspunkt, fx 2026-02-04T20:00' },
  'minutes.whole': { en: 'must be a whole number of minutes', da: 'skal være et helt antal minutter' },
  'minutes.negative': { en: 'must not be negative', da: 'må ikke være negativ' },
  'minutes.max': { en: 'at most {maximum} minutes', da: 'højst {maximum} minutter' },
  'remark.empty': { en: 'a remark must not be empty', da: 'en bemærkning må ikke være tom' },
  'outcome.one_per_point': { en: 'one outcome per at-point', da: 'ét udfald pr. at-punkt' },
  'vote.motion_empty': { en: 'say what was voted on', da: 'skriv, hvad der blev stemt om' },
  'vote.none': { en: 'record at least one vote', da: 'registrér mindst én stemme' },
  'correction.reason_short': { en: 'say why the approved minutes change', da: 'skriv, hvorfor det godkendte referat ændres' },
  'time.format': { en: 'must be a time such as 16:30', da: 'skal være et klokkeslæt, fx 16:30' },
  'weekday.range': { en: 'must be 1 (Monday) to 7 (Sunday)', da: 'skal være en ugedag' },
  'month.range': { en: 'must be a month from 1 to 12', da: 'skal være en måned fra 1 til 12' },
  'day_of_year.format': { en: 'must be a day of the year such as 08-01', da: 'skal være en dag i året, fx 08-01' },
  'attachment.nothing_to_change': { en: 'nothing to change', da: 'der er intet at ændre' },
  'proposal.at_point_empty': { en: 'an at-point must not be empty', da: 'Skriv at-punktets tekst, eller fjern det.' },
  'proposal.at_points_max': { en: 'at most {maximum} at-points', da: 'Højst {maximum} at-punkter.' },
  'proposal.phone': { en: 'only digits, spaces, + ( ) and -', da: 'Kun cifre, mellemrum, + ( ) og -.' },
  'template.key_format': { en: 'a key is letters and digits, starting with a letter', da: 'en nøgle er bogstaver og cifre og starter med et bogstav' },
  'paging.cursor': {
    en: 'the list cannot go on from this cursor (not the `next` of a page of this list): ask for its first page again',
    da: 'Listen kan ikke fortsætte herfra. Hent den forfra.',
  },
  'paging.limit': { en: 'limit is a whole number of rows from 1 to 200', da: 'Antal pr. side skal være et helt tal fra 1 til 200.' },

  // Copenhagen's clock the nights it changes (src/shared/wall-clock.ts).
  'wall_clock.twice': {
    en: 'the clock passes {time} twice that night (summer time ends): give the time with its offset, {before} or {after}',
    da: 'klokken {time:clock} kommer to gange den nat (sommertiden slutter): vælg et andet tidspunkt',
  },
  'wall_clock.never': {
    en: '{time} does not exist that night (summer time begins: the clock jumps from {from} to {to})',
    da: 'klokken {time:clock} findes ikke den nat (sommertiden begynder: uret springer fra {from:clock} til {to:clock}): vælg et andet tidspunkt',
  },

  // The request itself, and an error code's own text where one text fits every case.
  'request.invalid': { en: 'invalid input', da: 'Oplysningerne er ikke gyldige.' },
  'request.invalid_json': { en: 'the request body is not valid JSON', da: 'forespørgslen er ikke gyldig JSON' },
  'request.too_large': { en: 'the request body is too large (at most 1 MB)', da: 'forespørgslen er for stor (højst 1 MB)' },
  'request.rate_limited': { en: 'too many requests; wait a minute', da: 'For mange forespørgsler. Vent lidt, og prøv igen.' },
  'request.internal': { en: 'internal error', da: 'Der opstod en fejl. Prøv igen.' },
  'request.unavailable': { en: 'this server is not set up for that', da: 'Serveren er ikke sat op til det.' },

  // E-mail subscriptions for the public (src/publication/subscriptions).
  'subscription.email_missing': { en: 'write your e-mail address', da: 'Skriv din e-postadresse.' },
  'subscription.email_invalid': { en: 'is not one e-mail address, such as name@example.dk', da: 'Skriv én e-postadresse, fx navn@eksempel.dk.' },
  'subscription.topic_invalid': { en: 'subscribe to a body, a search or a case', da: 'Vælg et udvalg, en søgning eller en sag at abonnere på.' },
  'subscription.unknown_body': { en: 'no such political body', da: 'Udvalget findes ikke.' },
  'subscription.query_empty': { en: 'write what to search for', da: 'Skriv, hvad der skal søges efter.' },
  'subscription.query_long': { en: 'a search is at most 200 characters', da: 'En søgning er højst 200 tegn.' },
  'subscription.case_invalid': {
    en: 'a case number is letters, digits, dots, dashes and slashes, such as EMN-2025-00982',
    da: 'Et sagsnummer er bogstaver, cifre, punktum, bindestreg og skråstreg, fx EMN-2025-00982.',
  },
  'subscription.address_limit': {
    en: 'this address has been sent {count} confirmation e-mails today; try again tomorrow',
    da: 'Der er sendt {count} bekræftelser til adressen i dag. Prøv igen i morgen.',
  },
  'subscription.link_unknown': {
    en: 'the link is unknown or has expired; subscribe again',
    da: 'Linket er ukendt eller udløbet. Tilmeld dig igen.',
  },
  'subscription.one_click': { en: 'the body must be List-Unsubscribe=One-Click', da: 'Brug knappen for at afmelde.' },
  'subscription.no_mail': { en: 'this server sends no e-mail (SMTP_URL is not set)', da: 'Serveren sender ikke e-mails, så abonnementer er ikke muligt.' },
  'request.storage_full': {
    en: 'the server has no room to store this: nothing was saved; tell the operator',
    da: 'Serveren har ikke plads til at gemme. Intet blev gemt. Kontakt driften.',
  },
  'request.conflict': { en: 'the data was changed meanwhile', da: 'Handlingen kunne ikke gennemføres, fordi data er ændret. Prøv igen.' },
  'request.cross_origin': {
    en: "a change must come from Rådslag's own pages; this request came from another site ({from})",
    da: 'En ændring skal komme fra Rådslags egne sider; denne forespørgsel kom fra et andet websted ({from}).',
  },
  'request.content_type': {
    en: 'send the body as application/json or multipart/form-data (got {type})',
    da: 'forespørgslen skal sendes som application/json eller multipart/form-data (fik {type})',
  },
  'request.body_missing': {
    en: 'the request has no body: send JSON (an empty object at least)',
    da: 'forespørgslen mangler indhold: send JSON (mindst et tomt objekt)',
  },
  'live.streams_per_client': {
    en: 'too many live views are open from your address (at most {max}); close some and try again',
    da: 'Der er for mange direkte visninger åbne fra din adresse (højst {max}). Luk nogle, og prøv igen.',
  },
  'live.streams_total': {
    en: 'the server has too many live views open (at most {max}); try again shortly',
    da: 'Serveren har for mange direkte visninger åbne. Prøv igen om lidt.',
  },
  'file.malformed': {
    en: 'the upload is not a well-formed multipart/form-data body',
    da: 'uploaden er ikke en gyldig multipart/form-data-forespørgsel: prøv igen',
  },
  'file.missing': { en: 'send the file as multipart/form-data in the field "file"', da: 'Vælg en fil at uploade.' },
  'file.one_only': { en: 'send exactly one file, in the field "file"', da: 'send præcis én fil' },
  'file.too_many_parts': { en: 'send one file and at most a few text fields', da: 'send én fil og højst nogle få tekstfelter' },
  'file.name_invalid': { en: 'the file name cannot be used', da: 'filnavnet kan ikke bruges: omdøb filen, og prøv igen' },
  'file.too_large': { en: 'the file is larger than {max} MB, the most one attachment may be', da: 'filen er for stor: et bilag må højst fylde {max} MB' },
  'file.type_unsupported': {
    en: 'is not a file type we take: attach a PDF, DOCX, PPTX, XLSX, PNG or JPEG file',
    da: 'filtypen kan ikke bruges som bilag: brug PDF, DOCX, PPTX, XLSX, PNG eller JPEG',
  },
  'file.type_mismatch': { en: "the file's content does not match its name", da: 'filens indhold passer ikke til filtypen i navnet' },
  'file.corrupt': { en: 'the file is empty or damaged and cannot be read', da: 'filen er tom eller beskadiget og kan ikke læses' },
  'file.password': {
    en: 'the file is protected by a password to open it; upload a copy without that password',
    da: 'filen er beskyttet med en adgangskode: upload en kopi uden adgangskode',
  },
  'file.zip_bomb': { en: 'the file would unpack to far too much and is refused', da: 'filen ville fylde urimeligt meget, når den pakkes ud, og er afvist' },
  'file.stale': {
    en: 'the attachments were changed by someone else; reload them and try again',
    da: 'Bilagene er ændret af en anden. Hent dem igen, og prøv igen.',
  },
  'file.agenda_frozen': {
    en: "the meeting has been held: its items' files are part of the record and are not changed",
    da: 'Mødet er afholdt, så punkternes bilag er en del af referatet og ændres ikke.',
  },
  'file.order': { en: 'must list exactly the current attachments', da: 'skal nævne præcis de nuværende bilag' },

  // What the operations refuse, by feature.
  'access.credentials': { en: 'Wrong username or password', da: 'Forkert brugernavn eller adgangskode' },
  'access.login_first': { en: 'Log in first', da: 'Log ind først' },
  'access.forbidden': { en: 'You may not do this', da: 'Det har du ikke adgang til' },
  'access.username_format': { en: 'use 2–64 letters, digits or . _ @ -', da: 'brug 2–64 bogstaver, cifre eller . _ @ -' },
  'access.password_short': { en: 'must be at least {minimum} characters', da: 'skal være mindst {minimum} tegn' },
  'access.password_long': { en: 'must be at most {maximum} characters', da: 'må højst være {maximum} tegn' },
  'access.password_common': {
    en: 'is one of the most common passwords: choose another',
    da: 'er en af de mest brugte adgangskoder: vælg en anden',
  },
  'access.password_username': { en: 'must not be or contain the username', da: 'må ikke være eller indeholde brugernavnet' },
  'access.totp_code': { en: 'Wrong code', da: 'Forkert kode' },
  'access.totp_login_expired': {
    en: 'The login has expired: enter your username and password again',
    da: 'Login er udløbet: indtast brugernavn og adgangskode igen',
  },
  'access.totp_already_on': {
    en: 'Two-step login is already on: turn it off first to set it up again',
    da: 'Totrinslogin er allerede slået til: slå det fra først for at sætte det op igen',
  },
  'access.totp_not_started': { en: 'Start setting up two-step login first', da: 'Start opsætningen af totrinslogin først' },
  'access.totp_off': { en: 'Two-step login is not on', da: 'Totrinslogin er ikke slået til' },
  'access.totp_required': {
    en: 'Your role requires two-step login: it cannot be turned off',
    da: 'Din rolle kræver totrinslogin: det kan ikke slås fra',
  },
  'access.totp_enrol_first': {
    en: 'Set up two-step login first: your role requires it',
    da: 'Sæt totrinslogin op først: din rolle kræver det',
  },
  'access.role_unknown': { en: 'must be one of {roles}', da: 'skal være en af {roles}' },
  'access.username_taken': { en: 'username {username} is taken', da: 'brugernavnet {username} er optaget' },
  'access.organization_unknown': { en: 'no organization named {name}', da: 'ingen organisation hedder {name}' },
  'access.no_body': {
    en: 'there is no body yet: load the demo data or create one first',
    da: 'der er ingen myndighed endnu: indlæs demodata eller opret en først',
  },
  // Sign-in with OpenID Connect (src/access/oidc.ts): why the login page says it did not work.
  'oidc.off': { en: 'sign-in with OpenID Connect is not set up', da: 'Log ind med organisationens konto er ikke sat op.' },
  'oidc.state': {
    en: 'the sign-in expired or was not started here: try again',
    da: 'Log ind udløb eller blev ikke startet her. Prøv igen.',
  },
  'oidc.provider_error': {
    en: "your organization's sign-in refused ({error}): try again or ask your IT support",
    da: 'Organisationens log ind afviste ({error}). Prøv igen, eller kontakt din it-support.',
  },
  'oidc.failed': {
    en: "the sign-in with your organization's account could not be completed: try again",
    da: 'Log ind med organisationens konto kunne ikke gennemføres. Prøv igen.',
  },
  'oidc.no_username': {
    en: 'your sign-in does not say your username ({claim} or email)',
    da: 'Dit log ind oplyser ikke dit brugernavn ({claim} eller e-post).',
  },
  'oidc.unmapped': {
    en: 'your account has no role in Rådslag: ask an administrator',
    da: 'Din konto har ingen rolle i Rådslag. Kontakt en administrator.',
  },
  'oidc.not_linked': {
    en: 'no Rådslag user is linked to your account: ask an administrator',
    da: 'Ingen bruger i Rådslag er knyttet til din konto. Kontakt en administrator.',
  },
  'oidc.username_taken': {
    en: 'the username {username} belongs to another Rådslag user: ask an administrator',
    da: 'Brugernavnet {username} tilhører en anden bruger i Rådslag. Kontakt en administrator.',
  },
  // The administration page (src/admin).
  'access.user_disabled': { en: 'this user is disabled: ask an administrator', da: 'Brugeren er deaktiveret. Kontakt en administrator.' },
  'admin.last_admin': {
    en: 'at least one enabled administrator must remain',
    da: 'Der skal være mindst én aktiv administrator tilbage.',
  },
  'admin.password_external': {
    en: 'signs in through {issuer}: the password is set there, not here',
    da: 'logger ind gennem {issuer}: adgangskoden sættes dér, ikke her',
  },
  'admin.date_range': { en: 'must not be before {from}', da: 'må ikke ligge før {from}' },
  'membership.ends_before_start': { en: 'must not be before the first day ({from})', da: 'må ikke ligge før første dag ({from})' },
  'membership.already_ended': { en: 'the membership has already ended ({date})', da: 'Medlemskabet er allerede ophørt ({date}).' },
  'membership.overlaps': {
    en: 'already a member of {organization} in that period',
    da: 'er allerede medlem af {organization} i den periode',
  },
  'membership.same_role': { en: 'is already the role of this membership', da: 'er allerede medlemskabets rolle' },
  'membership.role_from_too_early': {
    en: 'the new role must start after the membership began ({from})',
    da: 'den nye rolle skal begynde efter medlemskabets første dag ({from})',
  },
  // Backup and restore (src/backup, `raadslag backup` / `restore`).
  'backup.target_not_empty': {
    en: '{dir} is not empty: give a new or empty directory for the backup',
    da: '{dir} er ikke tom. Angiv en ny eller tom mappe til sikkerhedskopien.',
  },
  'backup.tool_failed': { en: '{tool} failed: {detail}', da: '{tool} fejlede: {detail}' },
  'restore.no_manifest': {
    en: '{dir} holds no complete backup (manifest.json is missing or unreadable)',
    da: '{dir} indeholder ingen hel sikkerhedskopi (manifest.json mangler eller kan ikke læses)',
  },
  'restore.checksum_mismatch': {
    en: '{file} does not match its checksum in the manifest: the backup is damaged',
    da: '{file} passer ikke med sin kontrolsum i manifestet. Sikkerhedskopien er beskadiget.',
  },
  'restore.kind_mismatch': {
    en: 'the backup is of a {backup} database; this installation uses {target}',
    da: 'sikkerhedskopien er af en {backup}-database, men installationen bruger {target}',
  },
  'restore.schema_mismatch': {
    en: 'the backup is of the PostgreSQL schema {backup}; this installation uses {target}',
    da: 'sikkerhedskopien er af PostgreSQL-skemaet {backup}, men installationen bruger {target}',
  },
  'restore.target_not_empty': {
    en: 'the database already holds data: restoring replaces it (stop every server, then add --force)',
    da: 'databasen indeholder allerede data. En gendannelse erstatter dem (stop alle servere, og tilføj --force).',
  },
  not_found: { en: '{what} not found', da: '{what} blev ikke fundet' },

  'organization.unknown': { en: 'no such political organization', da: 'der er ingen sådan politisk organisation' },
  'organization.not_known': { en: 'is not a known organization', da: 'er ikke en kendt organisation' },
  'unit.unknown': { en: 'no such unit', da: 'der er ingen sådan enhed' },
  'unit.not_known': { en: 'is not a known unit', da: 'er ikke en kendt enhed' },
  'person.unknown': { en: 'no such person', da: 'der er ingen sådan person' },
  'meeting.unknown': { en: 'no such meeting', da: 'der er intet sådant møde' },
  'item.not_on_meeting': { en: 'the item is not on this meeting', da: 'punktet er ikke på dette møde' },

  'meeting.start_invalid': { en: 'is not a valid date-time', da: 'er ikke et gyldigt tidspunkt' },
  'meeting.end_before_start': { en: 'must be after the start', da: 'sluttidspunktet skal ligge efter starttidspunktet' },
  'meeting.too_long': { en: 'a meeting may last at most {hours} hours', da: 'et møde må højst vare {hours} timer' },
  'meeting.deadline_not_a_time': { en: 'is not a time that exists', da: 'er ikke et tidspunkt, der findes' },
  'meeting.deadline_after_start': { en: 'must be before the meeting starts', da: 'skal ligge før mødet starter' },
  'meeting.deadline_passed': {
    en: "the usual deadline for proposals ({deadline}) has already passed: set the meeting's own",
    da: 'den sædvanlige frist for indstillinger ({deadline}) er allerede passeret. Giv mødet sin egen frist',
  },
  'meeting.locked': { en: 'the meeting is {state} and cannot be changed in place', da: 'mødet er {state} og kan ikke ændres' },
  'meeting.agenda_frozen': {
    en: 'the meeting has been held: its agenda is part of the record and is not changed; correct the minutes instead',
    da: 'Mødet er afholdt, så dagsordenen ændres ikke længere. Ret i stedet referatet.',
  },
  'meeting.transition': { en: 'a meeting cannot go from {from} to {to}', da: 'mødet kan ikke skifte fra {from} til {to}' },
  'meeting.agenda_empty_send': {
    en: 'the agenda has no items: add them before sending it',
    da: 'Dagsordenen har ingen punkter endnu. Tilføj punkter, før den sendes.',
  },
  'meeting.agenda_empty_start': {
    en: 'the agenda has no items: a meeting starts with its agenda',
    da: 'Dagsordenen har ingen punkter endnu. Et møde starter med sin dagsorden.',
  },
  'meeting.running': {
    en: 'the meeting is running: end it first; a meeting that has been held is kept',
    da: 'Mødet er i gang og kan ikke slettes. Afslut det først; et afholdt møde bevares.',
  },
  'meeting.held_kept': { en: 'a meeting that has been held is kept; cancel it instead', da: 'et afholdt møde bevares; aflys det i stedet' },
  'meeting.stale_agenda': {
    en: 'the agenda was changed by someone else; reload it and try again',
    da: 'dagsordenen er ændret af en anden; hent den igen og prøv igen',
  },
  'meeting.not_running': { en: 'the meeting is not running: start it first', da: 'mødet er ikke i gang: start det først' },
  'meeting.publish_first': { en: 'publish the agenda before the meeting starts', da: 'udsend dagsordenen, før mødet starter' },
  'meeting.cannot_start': { en: 'a meeting that is {state} cannot start', da: 'et møde, der er {state}, kan ikke starte' },
  'meeting.early_start': {
    en: 'the meeting is planned for {plannedStart}: confirm to start it before its day',
    da: 'Mødet er planlagt til {plannedStart}. Bekræft, hvis det skal starte nu.',
  },
  'meeting.last_item': { en: 'this is the last item', da: 'dette er det sidste punkt' },
  'meeting.first_item': { en: 'this is the first item', da: 'dette er det første punkt' },
  'meeting.items_not_taken_up': {
    en: '{count} item(s) were not taken up: move them to the next meeting or mark them not handled',
    da: '{count} punkt(er) blev ikke behandlet: flyt dem til næste møde, eller markér dem som ikke behandlet',
  },
  'meeting.no_later_meeting': { en: 'the organization has no later meeting to move the items to', da: 'der er intet senere møde at flytte punkterne til' },
  'item.agenda_full': { en: 'an agenda holds at most {maximum} items', da: 'en dagsorden kan højst have {maximum} punkter' },
  'item.closed_needs_public_title': { en: 'a closed item needs a public title', da: 'et lukket punkt skal have en offentlig titel' },
  'item.closed_needs_legal_basis': { en: 'a closed item needs its legal basis', da: 'et lukket punkt skal have sin lovhjemmel' },
  'item.stale': {
    en: 'someone else changed this item meanwhile; their version is shown now — make your change again',
    da: 'en anden har ændret punktet imens; deres udgave vises nu — lav din ændring igen',
  },

  'plan.year': { en: "must lie in the plan's year {year}", da: 'skal ligge i planens år {year}' },
  'plan.not_a_date': { en: 'is not a date', da: 'er ikke en dato' },
  'plan.before_start': { en: 'must not be before the start of the plan', da: 'må ikke ligge før planens første dag' },
  'plan.after_start_time': { en: 'must be after the start time', da: 'skal ligge efter starttiden' },
  'plan.outside': { en: '{date} is outside the plan ({from} – {until})', da: '{date} ligger uden for planen ({from} – {until})' },
  'plan.no_meeting_move': { en: 'the plan has no meeting on {date} to move', da: 'planen har intet møde den {date}, der kan flyttes' },
  'plan.no_meeting_cancel': { en: 'the plan has no meeting on {date} to cancel', da: 'planen har intet møde den {date}, der kan aflyses' },
  'plan.before_date': { en: 'must not be before the date', da: 'må ikke ligge før den første dag' },
  'plan.no_meetings': {
    en: 'the plan yields no meeting: check the weekday, the period and the holidays',
    da: 'planen giver ingen møder: tjek ugedag, periode og ferier',
  },
  'plan.locked': { en: 'an approved meeting plan is not edited in place: make a revision', da: 'en godkendt mødeplan ændres ikke direkte: lav en revision' },
  'plan.revise_approved_only': { en: 'only the approved plan can be revised', da: 'kun den godkendte plan kan revideres' },
  'plan.conflicts': {
    en: '{count} meeting(s) already have an agenda: decide for each whether to apply the plan',
    da: '{count} møde(r) har allerede en dagsorden: vælg for hvert, om planen skal gælde',
  },

  'wheel.timing': {
    en: 'give either a month (1–12) or a date after which the first meeting takes the case',
    da: 'Vælg en måned eller en dato.',
  },
  'wheel.meeting_other_organization': { en: "not a meeting of the wheel's organization", da: 'mødet hører ikke til årshjulets organisation' },
  'wheel.meeting_past': { en: 'the meeting has been held or cancelled: choose a coming meeting', da: 'mødet er afholdt eller aflyst: vælg et kommende møde' },
  'wheel.already_on_agenda': { en: 'the case is already on the agenda of {date}', da: 'sagen er allerede på dagsordenen for {date}' },
  'wheel.already_approved': { en: 'the annual wheel is already approved', da: 'årshjulet er allerede godkendt' },

  'proposal.unknown_section': { en: 'unknown section "{key}"', da: 'ukendt afsnit "{key}"' },
  'proposal.meeting_other_organization': {
    en: 'is not a meeting of the organization the proposal is addressed to',
    da: 'Mødet hører ikke til det udvalg eller møde, indstillingen er til.',
  },
  'proposal.not_editable': { en: 'a proposal that is {state} cannot be edited', da: 'Indstillingen kan ikke ændres i sin nuværende status.' },
  'proposal.stale': {
    en: 'the proposal was changed by someone else: reload it to see the change',
    da: 'indstillingen er ændret af en anden: hent den igen for at se ændringen',
  },
  'proposal.unschedule_first': {
    en: 'take the proposal off the agenda before moving it to another meeting',
    da: 'Tag indstillingen af dagsordenen, før den flyttes til et andet møde.',
  },
  'proposal.change_note_needed': {
    en: 'the proposal has been sent to members: say what changed (a change note) to make a new version',
    da: 'Skriv, hvad der er ændret: indstillingen er sendt til medlemmerne.',
  },
  'proposal.transition': { en: 'a proposal that is {state} cannot be given "{event}"', da: 'en indstilling, der er {state}, kan ikke få "{event}"' },
  'proposal.late': {
    en: 'the proposal came after the deadline: accept it explicitly as late (acceptLate) or return it',
    da: 'indstillingen kom efter fristen: modtag den udtrykkeligt som for sen, eller send den retur',
  },
  'proposal.meeting_needed': {
    en: 'choose the meeting the proposal is for before putting it on the agenda',
    da: 'vælg mødet, indstillingen er til, før den sættes på dagsordenen',
  },
  'proposal.item_openness_needed': {
    en: 'say whether the agenda item is open or closed (with its public title and legal basis)',
    da: 'angiv, om punktet er åbent eller lukket (med offentlig titel og lovhjemmel)',
  },
  'template.key_twice': { en: 'each section needs its own key', da: 'hvert afsnit skal have sin egen nøgle' },
  'template.recommendation_missing': {
    en: 'the template needs the "{key}" section, which holds the at-points',
    da: 'skabelonen skal have afsnittet "{key}", som rummer at-punkterne',
  },

  'minutes.locked': {
    en: 'attendance and votes are recorded while the meeting runs or before its minutes are approved',
    da: 'fremmøde og afstemninger registreres, mens mødet kører, eller før referatet er godkendt',
  },
  'attendance.not_member': { en: 'not a member of the organization', da: 'er ikke medlem af organisationen' },
  'attendance.left_not_present': {
    en: 'only a member who was present can leave during the meeting',
    da: 'kun et medlem, der var til stede, kan forlade mødet',
  },
  'attendance.vote_recorded': {
    en: 'the member has a vote recorded on item {itemNumber}: withdraw that vote first',
    da: 'medlemmet har en stemme registreret på punkt {itemNumber}: træk den stemme tilbage først',
  },
  'vote.item_not_handled': {
    en: 'the item was not handled at the meeting: no vote can be recorded on it',
    da: 'punktet blev ikke behandlet på mødet: der kan ikke stemmes om det',
  },
  'vote.member_and_group': {
    en: 'record a vote either per member or per party group, not both',
    da: 'registrér stemmer enten pr. medlem eller pr. parti, ikke begge dele',
  },
  'vote.member_or_group': { en: 'a vote names either a member or a party group', da: 'en stemme nævner enten et medlem eller et parti' },
  'vote.twice': { en: 'votes twice', da: 'stemmer to gange' },
  'vote.voter_absent': { en: 'the member is recorded absent from the meeting', da: 'medlemmet er registreret som fraværende fra mødet' },
  'vote.voter_left': { en: 'the member left the meeting after item {itemNumber}', da: 'medlemmet forlod mødet efter punkt {itemNumber}' },
  'approval.not_digital': {
    en: 'this body approves its minutes at its next meeting, not digitally',
    da: 'organet godkender sit referat på næste møde, ikke digitalt',
  },
  'approval.already_approved': { en: 'the minutes are already approved', da: 'referatet er allerede godkendt' },
  'approval.not_held': { en: 'only the minutes of a held meeting can be approved', da: 'kun referatet af et afholdt møde kan godkendes' },
  'approval.item_already_approved': { en: 'you have already approved this item', da: 'du har allerede godkendt dette punkt' },
  'approval.no_earlier_minutes': { en: 'there are no earlier minutes waiting for approval', da: 'der er intet tidligere referat, der venter på godkendelse' },
  'approval.already_on_agenda': { en: 'those minutes are already on an agenda for approval', da: 'det referat er allerede på en dagsorden til godkendelse' },
  'approval.digital_pending': {
    en: 'the members approve these minutes digitally: close the approval without them only with a reason',
    da: 'Medlemmerne godkender referatet digitalt. Sekretariatet kan kun lukke godkendelsen med en begrundelse.',
  },
  'correction.not_approved': {
    en: 'the minutes are not approved yet: edit the decision itself',
    da: 'referatet er ikke godkendt endnu: ret selve beslutningen',
  },
  'correction.no_change': { en: 'the correction changes nothing', da: 'rettelsen ændrer intet' },
  'correction.stale': {
    en: 'someone else corrected this item meanwhile; their correction is shown now — make yours again',
    da: 'en anden har rettet punktet imens; deres rettelse vises nu — lav din igen',
  },

  'followup.due_before_meeting': { en: 'must not be before the meeting ({date})', da: 'må ikke ligge før mødet ({date})' },
  'followup.transition': { en: 'a follow-up cannot go from {from} to {to}', da: 'Status kan ikke skiftes sådan.' },
  'followup.nothing_to_change': { en: 'say what to change: status, owner or due date', da: 'angiv, hvad der skal ændres: status, ansvarlig eller frist' },

  'annotation.meeting_unknown': { en: 'there is no such meeting you may read', da: 'mødet findes ikke, eller du har ikke adgang til det' },
  'annotation.document_not_on_meeting': { en: 'that document is not on this meeting', da: 'dokumentet hører ikke til dette møde' },
  'annotation.item_not_on_meeting': { en: 'that item is not on this meeting', da: 'punktet hører ikke til dette møde' },
  'annotation.document_missing': { en: 'say which document the note is on', da: 'angiv, hvilket dokument noten hører til' },
  'annotation.kind_visibility': {
    en: 'a comment is shared; a note or a highlight is private',
    da: 'en kommentar er delt; en note eller en markering er privat',
  },
  'annotation.audience_missing': { en: 'say who the comment is shared with', da: 'vælg, hvem kommentaren deles med' },
  'annotation.audience_value': { en: 'a group or a person must be named', da: 'angiv gruppen eller personen' },
  'annotation.reply_audience': {
    en: 'a reply is seen by its thread: it has no audience of its own',
    da: 'et svar ses af dem, der ser tråden, og har ingen modtagere selv',
  },
  'annotation.reply_to_private': { en: 'only a shared comment can be replied to', da: 'der kan kun svares på en delt kommentar' },
  'annotation.reply_not_root': { en: 'reply to the first comment of the thread', da: 'svar på trådens første kommentar' },
  'annotation.reply_unknown': { en: 'there is no such comment you may see', da: 'kommentaren findes ikke, eller du kan ikke se den' },
  'annotation.reply_elsewhere': { en: 'a reply is on the same item and document as its thread', da: 'et svar hører til samme punkt og dokument som tråden' },
  'annotation.mention_outside': { en: 'only persons who see the comment can be mentioned', da: 'du kan kun nævne personer, der kan se kommentaren' },
  'annotation.mention_private': { en: 'a private note mentions no one', da: 'en privat note kan ikke nævne nogen' },
  'annotation.body_empty': { en: 'write the note or comment', da: 'skriv noten eller kommentaren' },
  'annotation.selector_page': { en: 'a marked passage needs its document, version and page', da: 'en markeret passage kræver dokument, version og side' },
  'annotation.not_author': { en: 'only its author can change it', da: 'kun forfatteren kan ændre den' },
  'annotation.deleted': { en: 'it has been deleted', da: 'den er slettet' },
  'annotation.changed_target': {
    en: 'a note cannot move to another meeting, item or document',
    da: 'en note kan ikke flyttes til et andet møde, punkt eller dokument',
  },
} as const satisfies Record<string, Texts>;

export type Reason = keyof typeof catalog;
/** One problem: why, and what to fill in. */
export interface Problem {
  reason: Reason;
  params?: ReasonParams;
}

export const REASONS = Object.keys(catalog) as Reason[];
export const isReason = (value: unknown): value is Reason => typeof value === 'string' && Object.hasOwn(catalog, value);

/** The placeholders of a text: {name} or {name:clock}. */
export const PLACEHOLDER = /\{(\w+)(?::(clock))?\}/g;

/** A text's placeholders filled from params (a missing one stays as written); `clock` separates hours and minutes. */
export function fillReason(text: string, params: ReasonParams, clock = ':'): string {
  return text.replace(PLACEHOLDER, (whole, name: string, format?: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return format === 'clock' ? value.replace(':', clock) : value;
  });
}

export const CLOCK_SEPARATOR = { en: ':', da: '.' } as const;

/** The reason's text in a language, its params filled in. */
export function reasonText(reason: Reason, params: ReasonParams = {}, lang: 'en' | 'da' = 'en'): string {
  return fillReason(catalog[reason][lang], params, CLOCK_SEPARATOR[lang]);
}

/** The catalog in one language, keyed `reason.<reason>`, for the web app's message catalogs. */
export function reasonMessages(lang: 'en' | 'da'): Record<`reason.${Reason}`, string> {
  return Object.fromEntries(REASONS.map((r) => [`reason.${r}`, catalog[r][lang]])) as Record<`reason.${Reason}`, string>;
}

/** A schema's own message is a reason: `.min(1, because('text.empty'))`. */
export const because = (reason: Reason) => ({ message: reason });

interface ZodIssueLike {
  code?: string;
  message?: string;
  origin?: string;
  format?: string;
  minimum?: unknown;
  maximum?: unknown;
  divisor?: unknown;
  expected?: unknown;
  keys?: unknown;
  params?: unknown;
}

const primitive = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint';

/** A zod issue as a problem: the schema's own reason (its message), else zod's code and what it checked. */
export function problemOfIssue(issue: ZodIssueLike): Problem {
  const params: ReasonParams = {};
  for (const k of ['minimum', 'maximum', 'divisor', 'origin', 'format', 'expected'] as const) {
    const v = issue[k];
    if (primitive(v)) params[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  if (Array.isArray(issue.keys)) params.keys = issue.keys.join(', ');
  if (issue.params && typeof issue.params === 'object') {
    for (const [k, v] of Object.entries(issue.params)) if (primitive(v)) params[k] = v;
  }
  if (isReason(issue.message)) return { reason: issue.message, params };
  const code = issue.code ?? 'custom';
  const what = code === 'invalid_format' ? issue.format : issue.origin === 'int' ? 'number' : issue.origin;
  const specific = `${code}.${what}`;
  if (isReason(specific)) return { reason: specific, params };
  return { reason: isReason(code) ? code : 'custom', params };
}
