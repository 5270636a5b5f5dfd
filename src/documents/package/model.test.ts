import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMatrix, bookmarks, layoutMarks, normalizeRotation, visualToUser, wrapText, type Box, type Rotation } from './model.ts';

const apply = ([a, b, c, d, e, f]: number[], u: number, v: number) => [a * u + c * v + e, b * u + d * v + f];

test('/Rotate is read as a viewer reads it', () => {
  assert.deepEqual([0, 90, -90, 270, 450, 720, 89, 181].map(normalizeRotation), [0, 90, 270, 270, 90, 0, 90, 180]);
  assert.equal(normalizeRotation(NaN), 0);
});

const widthAt = (t: string, size: number) => t.length * size * 0.5;
const A4: Box = { x0: 0, y0: 0, x1: 595.28, y1: 841.89 };

test('the marks go in the margin the reader sees at the top and bottom, whatever the rotation and origin; the page keeps its size', () => {
  const box: Box = { x0: 100, y0: -200, x1: 695.28, y1: 641.89 }; // A4 portrait, away from 0,0
  // Content with 50 pt margins all round: room for the marks as it is.
  const content: Box = { x0: 150, y0: -150, x1: 645.28, y1: 591.89 };
  for (const rotation of [0, 90, 180, 270] as Rotation[]) {
    const marks = layoutMarks(box, rotation, content, 'Punkt 3, Bilag 2: slides.pdf', '4 / 9', widthAt);
    assert.equal(marks.fit, null, `${rotation}: nothing moved`);
    const turned = rotation === 90 || rotation === 270;
    assert.equal(marks.width, turned ? 841.89 : 595.28);
    assert.equal(marks.height, turned ? 595.28 : 841.89);
    // The stamp's baseline near the top the reader sees, the number's near the bottom, both inside the page's box.
    const [stamp] = marks.stamp!.lines;
    for (const [u, v] of [
      [stamp.x, stamp.y],
      [marks.number.line.x, marks.number.line.y],
    ]) {
      const [x, y] = applyMatrix(marks.toUser, u, v);
      assert.ok(x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1, `${rotation}: ${x},${y} on the page`);
    }
    assert.ok(marks.height - stamp.y < 30 && marks.number.line.y < 30);
  }
  assert.equal(visualToUser(box, 0)[4], 100);
});

test('content without room for the marks is moved into the other margin if it fits there, else shrunk just enough', () => {
  // Text up to 10 pt from the top, 100 pt free at the bottom: moved down, not shrunk.
  const moved = layoutMarks(A4, 0, { x0: 50, y0: 100, x1: 545, y1: 831.89 }, 'Punkt 1, Bilag 1: a.pdf', '1 / 1', widthAt);
  assert.ok(moved.fit);
  assert.deepEqual(moved.fit.slice(0, 4), [1, 0, 0, 1]);
  const [, top] = applyMatrix(moved.fit, 0, 831.89);
  assert.ok(top <= moved.stamp!.band.y0, 'the content ends below the stamp');
  // Drawn to the edges: shrunk about its middle, the marks above and below it.
  const shrunk = layoutMarks(A4, 0, { x0: 0, y0: 0, x1: 595.28, y1: 841.89 }, 'Punkt 1, Bilag 1: a.pdf', '1 / 1', widthAt);
  const s = shrunk.fit![0];
  assert.ok(s > 0.9 && s < 0.95, String(s));
  const [, bottom] = applyMatrix(shrunk.fit!, 0, 0);
  const [, high] = applyMatrix(shrunk.fit!, 0, 841.89);
  assert.ok(bottom >= shrunk.number.band.y1 && high <= shrunk.stamp!.band.y0);
  // A page without a stamp needs room for the number only; a blank page none.
  assert.equal(layoutMarks(A4, 0, { x0: 50, y0: 40, x1: 545, y1: 841 }, undefined, '1 / 1', widthAt).fit, null);
  assert.equal(layoutMarks(A4, 0, null, 'Punkt 1, Bilag 1: a.pdf', '1 / 1', widthAt).fit, null);
});

test('pages larger than A4 get proportionally larger marks', () => {
  const a3 = layoutMarks({ x0: 0, y0: 0, x1: 841.89, y1: 1190.55 }, 0, null, 'Punkt 1', '1 / 1', widthAt);
  assert.equal(Math.round(a3.fontSize * 10) / 10, 12.7);
  assert.equal(layoutMarks(A4, 0, null, 'Punkt 1', '1 / 1', widthAt).fontSize, 9);
});

test('a stamp too long for one line wraps, between words or inside a long one, and is never cut', () => {
  assert.deepEqual(wrapText('Punkt 3, Bilag 2', 200, 9, widthAt), ['Punkt 3, Bilag 2']);
  const long = 'Punkt 4, Bilag 3: Økonomiske nøgletal og tabeller samlet for hele forvaltningen.pdf';
  const lines = wrapText(long, 200, 9, widthAt);
  assert.ok(lines.length > 1 && lines.every((l) => widthAt(l, 9) <= 200));
  assert.equal(lines.join(' '), long);
  const word = 'Punkt 4, Bilag 3: ' + 'x'.repeat(100) + '.pdf';
  assert.equal(wrapText(word, 200, 9, widthAt).join('').replace(/\s/g, ''), word.replace(/\s/g, ''));
  const marks = layoutMarks(A4, 0, null, 'Punkt 4, Bilag 3: ' + 'Økonomiske nøgletal '.repeat(12), '1 / 1', widthAt);
  assert.ok(marks.stamp!.lines.length >= 2, 'two lines on the page');
});

test('bookmarks: cover, then the agenda holding the items, each opening its own text there, holding their parts', () => {
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
    {
      coverPages: 1,
      agendaPages: 3,
      partPages: [[], [1, 5]],
      headings: [
        { page: 0, at: { x: 62, y: 700 } },
        { page: 2, at: { x: 62, y: 300 } },
      ],
    },
  );
  assert.deepEqual(tree, [
    { title: 'Cover', page: 0, children: [] },
    {
      title: 'Agenda',
      page: 1,
      children: [
        { title: 'Item 1: Agenda', page: 1, at: { x: 62, y: 700 }, children: [] },
        {
          title: 'Item 2',
          page: 3,
          at: { x: 62, y: 300 },
          children: [
            { title: 'Att 1', page: 4, children: [] },
            { title: 'Att 2', page: 5, children: [] },
          ],
        },
      ],
    },
  ]);
});
