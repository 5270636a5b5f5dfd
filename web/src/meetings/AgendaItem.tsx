// One agenda item as an <article>: its printed lines, and for the secretariat its editing controls.
import { lazy, Suspense, type HTMLAttributes, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import type { AgendaItemView } from '../../../src/meetings/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ItemContent } from './ItemContent.tsx';
import type { ItemValues } from './itemValues.ts';

// The editing controls load only for those who edit: a reader's page carries none of them.
const AttachmentsEditor = lazy(() => import('../attachments/AttachmentsEditor.tsx').then((m) => ({ default: m.AttachmentsEditor })));
const ConfirmButton = lazy(() => import('../shared/ConfirmButton.tsx').then((m) => ({ default: m.ConfirmButton })));
const MinutesInput = lazy(() => import('./MinutesInput.tsx').then((m) => ({ default: m.MinutesInput })));
const ItemEditForm = lazy(() => import('./ItemForm.tsx').then((m) => ({ default: m.ItemEditForm })));

export interface ItemEditing {
  /** The agenda may still change (move, retitle, delete); false once the meeting is held: then only the decision. */
  structure: boolean;
  isFirst: boolean;
  isLast: boolean;
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (values: ItemValues) => Promise<void>;
  onMove: (delta: -1 | 1) => void;
  onMinutes: (minutes: number) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
  /** Reloads the meeting after an attachment changed (it is a new agenda version). */
  onAttachmentsChanged: () => Promise<unknown>;
  handleRef: Ref<HTMLButtonElement>;
  onHandlePointerDown: (e: PointerEvent<HTMLButtonElement>) => void;
  /** Native drag and drop on the article. */
  dragProps: HTMLAttributes<HTMLElement> & { draggable: boolean };
  dropPosition: 'before' | 'after' | null;
  dragging: boolean;
}

interface Props {
  item: AgendaItemView;
  edit: ItemEditing | null;
  /** The item being handled right now in a live meeting. */
  active?: boolean;
  /** Added, moved or changed since the agenda was sent to the members. */
  changedAfterSending?: boolean;
  /** The meeting, for "Læs punkt N" (opens the reader at the item's first part). */
  meetingId?: string;
}

export function AgendaItem({ item, edit, active = false, changedAfterSending = false, meetingId }: Props) {
  const { t } = useI18n();
  const headingId = `item-${item.id}-heading`;
  const title = item.restricted ? (item.publicTitle ?? item.title) : item.title;
  const n = { number: item.number };

  const onHandleKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!edit || !e.altKey) return;
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (!edit.isFirst) edit.onMove(-1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!edit.isLast) edit.onMove(1);
    }
  };

  const classes = ['agenda-item'];
  if (item.overrun) classes.push('agenda-item--overrun');
  if (active) classes.push('agenda-item--active');
  if (!item.public) classes.push('agenda-item--closed');
  if (edit?.dropPosition) classes.push(`agenda-item--drop-${edit.dropPosition}`);
  if (edit?.dragging) classes.push('agenda-item--dragging');

  return (
    <article
      className={classes.join(' ')}
      data-testid={`agenda-item-${item.number}`}
      id={`punkt-${item.number}`}
      aria-labelledby={headingId}
      aria-current={active ? 'step' : undefined}
      {...edit?.dragProps}
    >
      <div className="agenda-item__head">
        {edit?.structure ? (
          <button
            type="button"
            ref={edit.handleRef}
            className="handle"
            aria-label={t('item.handleLabel', n)}
            aria-describedby="handle-help"
            onKeyDown={onHandleKey}
            onPointerDown={edit.onHandlePointerDown}
          >
            <span aria-hidden="true" className="handle__grip">
              ⋮⋮
            </span>
            {t('item.handle')}
          </button>
        ) : null}
        <h3 id={headingId}>
          {item.number}. {title}
        </h3>
      </div>
      {item.subheading && !item.restricted ? <h4 className="agenda-item__subheading">{item.subheading}</h4> : null}
      {(!item.public || item.overrun || active || item.handling || changedAfterSending) && (
        <p className="agenda-item__badges">
          {changedAfterSending ? <span className="badge badge--changed">{t('changes.badge')}</span> : null}
          {!item.public ? <span className="badge badge--closed">{t('item.closed')}</span> : null}
          {active ? <span className="badge badge--active">{t('live.activeBadge')}</span> : null}
          {item.handling ? <span className="badge">{t(item.handling === 'moved' ? 'live.moved' : 'live.notHandledBadge')}</span> : null}
          {item.overrun ? <span className="badge badge--overrun">{t('agenda.overrunItem')}</span> : null}
        </p>
      )}
      {meetingId && !item.restricted && item.parts.length ? (
        <p className="agenda-item__read">
          <Link to={`/meetings/${meetingId}/laes?punkt=${item.number}`}>{t('reader.readItem', n)}</Link>
        </p>
      ) : null}
      {item.restricted ? null : (
        <ItemContent
          item={item}
          attachments={
            // Once held, the item's files are part of the record: listed, not edited.
            edit?.structure ? (
              <Suspense fallback={null}>
                <AttachmentsEditor
                  owner={{ kind: 'item', id: item.id }}
                  attachments={item.attachments}
                  before={item.parts.filter((p) => p.kind === 'proposal' || (p.kind === 'attachment' && p.owner === 'proposal'))}
                  defaultPublic={item.public}
                  onChanged={edit.onAttachmentsChanged}
                  label={t('attachments.sectionLabel', n)}
                />
              </Suspense>
            ) : undefined
          }
        />
      )}
      {edit && !edit.editing && !edit.structure ? (
        <div className="agenda-item__tools" role="group" aria-label={t('item.decisionLabel', n)}>
          <button type="button" className="button" onClick={edit.onEdit} aria-label={t('item.decisionLabel', n)}>
            {t('item.decision.edit')}
          </button>
        </div>
      ) : null}
      {edit && !edit.editing && edit.structure ? (
        <Suspense fallback={null}>
          <div className="agenda-item__tools" role="group" aria-label={t('item.editLabel', n)}>
            <MinutesInput number={item.number} minutes={item.plannedMinutes} onSave={edit.onMinutes} />
            <div className="agenda-item__buttons">
              <button type="button" className="button" onClick={() => edit.onMove(-1)} disabled={edit.isFirst} aria-label={t('item.moveUpLabel', n)}>
                <span aria-hidden="true">↑ </span>
                {t('item.moveUp')}
              </button>
              <button type="button" className="button" onClick={() => edit.onMove(1)} disabled={edit.isLast} aria-label={t('item.moveDownLabel', n)}>
                <span aria-hidden="true">↓ </span>
                {t('item.moveDown')}
              </button>
              <button type="button" className="button" onClick={edit.onEdit} aria-label={t('item.editLabel', n)}>
                {t('item.edit')}
              </button>
              <ConfirmButton
                label={t('item.delete')}
                ariaLabel={t('item.deleteLabel', n)}
                question={t('item.deleteConfirm', { number: item.number, title })}
                confirmLabel={t('item.deleteYes')}
                cancelLabel={t('item.deleteNo')}
                onConfirm={edit.onDelete}
              />
            </div>
          </div>
        </Suspense>
      ) : null}
      {edit?.editing ? (
        <section className="agenda-item__edit" aria-label={t('item.editTitle', n)}>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <ItemEditForm
              item={item}
              autoFocus
              withAttachmentNames={false}
              decisionOnly={!edit.structure}
              submitLabel={t('itemForm.save')}
              onSubmit={edit.onSave}
              onCancel={edit.onCancelEdit}
            />
          </Suspense>
        </section>
      ) : null}
    </article>
  );
}
