// The agenda's items in order. For the secretariat: edit, delete, add, and reorder by drag and
// drop or by keyboard (Alt+Arrow on an item's "Flyt" handle), always against the current agendaVersion.
import { lazy, Suspense, useEffect, useRef, useState, type DragEvent } from 'react';
import type { AgendaItemView, MeetingDetail } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { AgendaItem, type ItemEditing } from './AgendaItem.tsx';
import { meetingsApi } from './api.ts';
import type { ItemValues } from './itemValues.ts';
import type { MeetingState } from './useMeeting.ts';

interface Props {
  meeting: MeetingDetail;
  run: MeetingState['run'];
}

// The form and its validation load only for the secretariat (a reader's agenda has no form).
const ItemForm = lazy(() => import('./ItemForm.tsx').then((m) => ({ default: m.ItemForm })));
const itemValues = () => import('./itemValues.ts');

type Drop = { id: string; position: 'before' | 'after' };

export function Agenda({ meeting, run }: Props) {
  const { t } = useI18n();
  // Until the meeting is held the secretariat edits the agenda; after it, only what was decided
  // (the agenda itself is then part of the record).
  const editable = meeting.abilities.editAgenda;
  const decides = editable || meeting.abilities.recordMinutes;
  const changed = new Set(meeting.changesSinceSent.filter((c) => c.kind !== 'removed').map((c) => c.itemId));
  const [editingId, setEditingId] = useState<string | null>(null);
  // The item's version when its form opened: the meeting may reload live meanwhile, and a change
  // someone else made must not be overwritten silently (the server answers 409).
  const [editingVersion, setEditingVersion] = useState(0);
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<Drop | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  // Set by a press on an item's handle: only a drag that starts there moves an item.
  const armedId = useRef<string | null>(null);
  const moving = useRef(false);

  // Keep focus on the moved (or just edited) item's handle once the new order is on screen.
  useEffect(() => {
    if (!focusId) return;
    handles.current.get(focusId)?.focus();
    setFocusId(null);
  }, [focusId, meeting]);

  useEffect(() => {
    const disarm = () => {
      armedId.current = null;
    };
    window.addEventListener('pointerup', disarm);
    return () => window.removeEventListener('pointerup', disarm);
  }, []);

  const reorder = async (itemId: string, toIndex: number) => {
    const ids = meeting.items.map((i) => i.id);
    const from = ids.indexOf(itemId);
    if (from < 0 || toIndex < 0 || toIndex >= ids.length || toIndex === from || moving.current) return;
    ids.splice(from, 1);
    ids.splice(toIndex, 0, itemId);
    const number = meeting.items[from].number;
    moving.current = true;
    try {
      await run(() => meetingsApi.reorder(meeting.id, meeting.agendaVersion, ids), {
        success: () => t('item.moved', { from: number, to: toIndex + 1 }),
      });
    } finally {
      moving.current = false;
      setFocusId(itemId);
    }
  };

  const endDrag = () => {
    armedId.current = null;
    setDragId(null);
    setDrop(null);
  };

  const dragPropsFor = (item: AgendaItemView): ItemEditing['dragProps'] => ({
    // The browser decides what is draggable before any handler runs, so the attribute stays on
    // (except while the item's form is open) and a drag not started on the handle is cancelled.
    draggable: editingId !== item.id,
    onDragStart: (e: DragEvent<HTMLElement>) => {
      // The item is the one whose handle was pressed: a fast pointer may already be over another.
      const armed = armedId.current;
      if (!armed) {
        e.preventDefault();
        return;
      }
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', armed);
      setDragId(armed);
    },
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!dragId) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      const rect = e.currentTarget.getBoundingClientRect();
      const position = e.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
      if (drop?.id !== item.id || drop.position !== position) setDrop({ id: item.id, position });
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      const moved = dragId;
      const position = drop?.id === item.id ? drop.position : 'after';
      endDrag();
      if (!moved || moved === item.id) return;
      const others = meeting.items.map((i) => i.id).filter((id) => id !== moved);
      void reorder(moved, others.indexOf(item.id) + (position === 'after' ? 1 : 0));
    },
    onDragEnd: endDrag,
  });

  const save = async (item: AgendaItemView, values: ItemValues) => {
    const { changedFields, toBody, valuesFromItem } = await itemValues();
    const patch = changedFields(toBody(valuesFromItem(item)), toBody(values));
    if (Object.keys(patch).length > 0) {
      await run(() => meetingsApi.updateItem(meeting.id, item.id, { ...patch, itemVersion: editingVersion }), {
        rethrow: true,
        success: () => t('item.saved', { number: item.number }),
      });
    }
    setEditingId(null);
    setFocusId(item.id);
  };

  const remove = async (item: AgendaItemView, index: number) => {
    const neighbour = meeting.items[index + 1] ?? meeting.items[index - 1];
    const result = await run(() => meetingsApi.removeItem(meeting.id, item.id), {
      success: () => t('item.deleted', { number: item.number }),
    });
    if (result && neighbour) setFocusId(neighbour.id);
  };

  const add = async (values: ItemValues) => {
    const { toBody } = await itemValues();
    await run(() => meetingsApi.addItem(meeting.id, toBody(values)), {
      rethrow: true,
      success: (m) => t('item.added', { number: m.items.length }),
    });
  };

  const editingFor = (item: AgendaItemView, index: number): ItemEditing | null =>
    decides && !item.restricted
      ? {
          structure: editable,
          isFirst: index === 0,
          isLast: index === meeting.items.length - 1,
          editing: editingId === item.id,
          onEdit: () => {
            setEditingVersion(item.version);
            setEditingId(item.id);
          },
          onCancelEdit: () => {
            setEditingId(null);
            setFocusId(item.id);
          },
          onSave: (values) => save(item, values),
          onMove: (delta) => void reorder(item.id, index + delta),
          onMinutes: (minutes) =>
            run(() => meetingsApi.updateItem(meeting.id, item.id, { plannedMinutes: minutes }), {
              success: () => t('item.minutesSaved', { number: item.number, minutes }),
            }),
          onDelete: () => remove(item, index),
          onAttachmentsChanged: () => run(() => meetingsApi.get(meeting.id)),
          handleRef: (el) => {
            if (el) handles.current.set(item.id, el);
            else handles.current.delete(item.id);
          },
          onHandlePointerDown: () => {
            armedId.current = item.id;
          },
          dragProps: dragPropsFor(item),
          dropPosition: drop?.id === item.id && dragId !== item.id ? drop.position : null,
          dragging: dragId === item.id,
        }
      : null;

  return (
    <section aria-labelledby="agenda-heading" className="agenda">
      <h2 id="agenda-heading">{t('agenda.heading')}</h2>
      {editable ? (
        <p id="handle-help" className="hint">
          {t('item.handleHelp')}
        </p>
      ) : null}
      {meeting.items.length === 0 ? <p className="empty">{t('agenda.empty')}</p> : null}
      <div className={dragId ? 'agenda__items agenda__items--dragging' : 'agenda__items'}>
        {meeting.items.map((item, index) => (
          <AgendaItem
            key={item.id}
            item={item}
            edit={editingFor(item, index)}
            active={meeting.live?.activeItemId === item.id}
            changedAfterSending={changed.has(item.id)}
            meetingId={meeting.id}
          />
        ))}
      </div>
      {editable ? (
        <section aria-labelledby="add-item-heading" className="add-item">
          <h2 id="add-item-heading">{t('itemForm.addHeading')}</h2>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <ItemForm submitLabel={t('itemForm.add')} onSubmit={add} resetOnSuccess />
          </Suspense>
        </section>
      ) : null}
    </section>
  );
}
