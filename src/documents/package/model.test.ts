import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bookmarks, fitText, normalizeRotation, pageMarks, visualToUser, type Box, type Rotation } from './model.ts';

const apply = ([a, b, c, d, e, f]: number[], u: number, v: number) => [a * u + c * v + e, b * u + d * v + f];

test('/Rotate is read as a viewer reads it', () => {
  assert.deepEqual([0, 90, -90, 270, 450, 720, 89, 181].map(normalizeRotation), [0, 90, 270, 270, 90, 0, 90, 180]);
  assert.equal(normalizeRotation(NaN), 0);
});

test('the strips grow the page at the top and bottom the reader sees, whatever the rotation and origin', () => {
  const box: Box = { x0: 100, y0: -200, x1: 695.28, y1: 641.89 }; // A4 portrait, away from 0,0
  // The user-space edge a reader sees at the top of the page, for each /Rotate.
  const top: Record<Rotation, (b: Box) => number> = { 0: (b) => b.y1, 90: (b) => -b.x0, 180: (b) => -b.y0, 270: (b) => b.x1 };
  for (const rotation of [0, 90, 180, 270] as Rotation[]) {
    const marks = pageMarks(box, rotation, true);
    assert.equal(top[rotation](marks.box) - top[rotation](box), 20, `${rotation}: 20 pt added at the visual top`);
    const turned = rotation === 90 || rotation === 270;
    assert.equal(marks.width, turned ? 841.89 : 595.28);
    assert.equal(Math.round(marks.height * 100) / 100, (turned ? 595.28 : 841.89) + 40);
    // Visual (0,0) and (width,height) land on opposite corners of the new box; the visual top on the grown edge.
    const corners = [apply(marks.matrix, 0, 0), apply(marks.matrix, marks.width, marks.height)].flat();
    assert.deepEqual(
      [Math.min(corners[0], corners[2]), Math.min(corners[1], corners[3]), Math.max(corners[0], corners[2]), Math.max(corners[1], corners[3])].map(Math.round),
      [marks.box.x0, marks.box.y0, marks.box.x1, marks.box.y1].map(Math.round),
    );
    const [x, y] = apply(marks.matrix, 10, marks.height - 5);
    assert.ok(x >= marks.box.x0 && x <= marks.box.x1 && y >= marks.box.y0 && y <= marks.box.y1);
    assert.equal(
      Math.round(rotation === 0 ? marks.box.y1 - y : rotation === 90 ? x - marks.box.x0 : rotation === 180 ? y - marks.box.y0 : marks.box.x1 - x),
      5,
    );
  }
  assert.equal(visualToUser(box, 0)[4], 100);
});

test('pages larger than A4 get proportionally larger strips; unstamped pages only the bottom one', () => {
  const a3 = pageMarks({ x0: 0, y0: 0, x1: 841.89, y1: 1190.55 }, 0, true);
  assert.equal(Math.round(a3.topStrip * 10) / 10, 28.3);
  assert.equal(Math.round(a3.fontSize * 10) / 10, 12.7);
  const cover = pageMarks({ x0: 0, y0: 0, x1: 595.28, y1: 841.89 }, 0, false);
  assert.equal(cover.topStrip, 0);
  assert.equal(cover.box.y1, 841.89);
  assert.equal(cover.box.y0, -20);
});

test('a stamp too long for its page shrinks, then is cut with an ellipsis', () => {
  const widthAt = (t: string, size: number) => t.length * size * 0.5;
  assert.deepEqual(fitText('Punkt 3, Bilag 2', 200, 9, 6, widthAt), { text: 'Punkt 3, Bilag 2', size: 9 });
  assert.deepEqual(fitText('x'.repeat(50), 200, 9, 6, widthAt), { text: 'x'.repeat(50), size: 8 });
  const cut = fitText('Punkt 3, Bilag 2: ' + 'Vision for Job Aarhus '.repeat(5), 200, 9, 6, widthAt);
  assert.equal(cut.size, 6);
  assert.ok(cut.text.startsWith('Punkt 3, Bilag 2: Vision') && cut.text.endsWith('…'));
  assert.ok(widthAt(cut.text, 6) <= 200);
});

test('bookmarks: cover, then the agenda holding the items holding their parts', () => {
  const tree = bookmarks(
    {
      lang: 'en',
      items: [
        { bookmark: 'Item 1: Agenda', parts: [] },
        {
          bookmark: 'Item 2',
          parts: [
            { bookmark: 'Att 1', stamp: '', source: { missing: 'x' } },
            { bookmark: 'Att 2', stamp: '', source: { missing: 'x' } },
          ],
        },
      ],
    },
    { coverPages: 1, agendaPages: 3, partPages: [[], [1, 5]] },
  );
  assert.deepEqual(tree, [
    { title: 'Cover', page: 0, children: [] },
    {
      title: 'Agenda',
      page: 1,
      children: [
        { title: 'Item 1: Agenda', page: 1, children: [] },
        {
          title: 'Item 2',
          page: 4,
          children: [
            { title: 'Att 1', page: 4, children: [] },
            { title: 'Att 2', page: 5, children: [] },
          ],
        },
      ],
    },
  ]);
});
