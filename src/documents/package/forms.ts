// Form fields (AcroForm) in an attachment: the package has no form of its own, so a field copied as
// it is would be a widget without its form — invalid, and in many viewers blank. Each field is
// flattened instead: its appearance (what was filled in) is drawn into its page's content and the
// widget removed. Fields with no appearance, or one the PDF asks to have redrawn (NeedAppearances),
// get one made from their value first.
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFRef,
  PDFStream,
  StandardFonts,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { boxOf, transformBox, type Matrix } from './model.ts';

const N = {
  AcroForm: PDFName.of('AcroForm'),
  Annots: PDFName.of('Annots'),
  Subtype: PDFName.of('Subtype'),
  Widget: PDFName.of('Widget'),
  F: PDFName.of('F'),
  AP: PDFName.of('AP'),
  N: PDFName.of('N'),
  AS: PDFName.of('AS'),
  Rect: PDFName.of('Rect'),
  BBox: PDFName.of('BBox'),
  Matrix: PDFName.of('Matrix'),
  NeedAppearances: PDFName.of('NeedAppearances'),
};
const HIDDEN = 2;
const NO_VIEW = 32;

const numbers = (array: PDFArray | undefined): number[] | undefined => {
  if (!array) return undefined;
  const out = array.asArray().map((_, i) => array.lookup(i));
  return out.every((n) => n instanceof PDFNumber) ? out.map((n) => (n as PDFNumber).asNumber()) : undefined;
};

/** Whether the PDF has a form with fields: most have none, and are left as they are. */
export function hasForm(doc: PDFDocument): boolean {
  const fields = doc.catalog.lookupMaybe(N.AcroForm, PDFDict)?.lookupMaybe(PDFName.of('Fields'), PDFArray);
  return !!fields && fields.size() > 0;
}

/**
 * Draws every visible widget's appearance into its page and removes the widgets and the form.
 * `unicodeFont` embeds a font for values Helvetica cannot write (it is only asked for then).
 */
export async function flattenForm(doc: PDFDocument, unicodeFont: () => Promise<PDFFont>): Promise<void> {
  const acroForm = doc.catalog.lookupMaybe(N.AcroForm, PDFDict);
  if (!acroForm) return;
  await makeAppearances(doc, acroForm, unicodeFont);
  for (const page of doc.getPages()) flattenPage(doc, page);
  doc.catalog.delete(N.AcroForm);
  // Fonts embedded for the appearances are written into the document only now.
  await doc.flush();
}

async function makeAppearances(doc: PDFDocument, acroForm: PDFDict, unicodeFont: () => Promise<PDFFont>) {
  const redrawAll = acroForm.lookup(N.NeedAppearances)?.toString() === 'true';
  let fields;
  try {
    fields = doc.getForm().getFields();
  } catch {
    return; // a form pdf-lib cannot read: its widgets keep the appearances they have
  }
  let helvetica: PDFFont | undefined;
  let unicode: PDFFont | undefined;
  for (const field of fields) {
    let needed: boolean;
    try {
      needed = redrawAll || field.needsAppearancesUpdate();
    } catch {
      continue;
    }
    if (!needed) continue;
    try {
      field.defaultUpdateAppearances((helvetica ??= await doc.embedFont(StandardFonts.Helvetica)));
    } catch {
      // A value Helvetica (WinAnsi) cannot encode, e.g. "Łódź": the package's Unicode font writes it.
      try {
        field.defaultUpdateAppearances((unicode ??= await unicodeFont()));
      } catch {
        // No appearance can be made: the field is left out, as a viewer without one would show it.
      }
    }
  }
}

function flattenPage(doc: PDFDocument, page: PDFPage) {
  const annots = page.node.lookupMaybe(N.Annots, PDFArray);
  if (!annots) return;
  const kept: (PDFRef | PDFDict)[] = [];
  const ops: PDFOperator[] = [];
  for (let i = 0; i < annots.size(); i++) {
    const entry = annots.get(i);
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict) || annot.lookupMaybe(N.Subtype, PDFName) !== N.Widget) {
      if (entry instanceof PDFRef || entry instanceof PDFDict) kept.push(entry);
      continue;
    }
    const flags = annot.lookupMaybe(N.F, PDFNumber)?.asNumber() ?? 0;
    if (flags & (HIDDEN | NO_VIEW)) continue;
    const appearance = normalAppearance(annot);
    const rect = numbers(annot.lookupMaybe(N.Rect, PDFArray));
    if (!appearance || !rect) continue;
    const stream = doc.context.lookup(appearance);
    if (!(stream instanceof PDFStream)) continue;
    const bbox = numbers(stream.dict.lookupMaybe(N.BBox, PDFArray));
    if (!bbox) continue;
    // As a viewer places an appearance: its BBox, through its Matrix, fitted to the widget's Rect.
    const matrix = (numbers(stream.dict.lookupMaybe(N.Matrix, PDFArray)) ?? [1, 0, 0, 1, 0, 0]) as Matrix;
    const shown = transformBox(boxOf(bbox), matrix);
    const target = boxOf(rect);
    const sx = shown.x1 > shown.x0 ? (target.x1 - target.x0) / (shown.x1 - shown.x0) : 1;
    const sy = shown.y1 > shown.y0 ? (target.y1 - target.y0) / (shown.y1 - shown.y0) : 1;
    const ref = appearance instanceof PDFRef ? appearance : doc.context.register(stream);
    const name = page.node.newXObject('Field', ref);
    ops.push(
      PDFOperator.of(PDFOperatorNames.PushGraphicsState),
      PDFOperator.of(PDFOperatorNames.ConcatTransformationMatrix, [sx, 0, 0, sy, target.x0 - sx * shown.x0, target.y0 - sy * shown.y0].map(PDFNumber.of)),
      PDFOperator.of(PDFOperatorNames.DrawObject, [name]),
      PDFOperator.of(PDFOperatorNames.PopGraphicsState),
    );
  }
  if (kept.length === annots.size()) return;
  // A page's own list: an /Annots array may be shared with other pages.
  if (kept.length) page.node.set(N.Annots, doc.context.obj(kept));
  else page.node.delete(N.Annots);
  if (ops.length) page.pushOperators(...ops);
}

/** The widget's normal appearance: the stream, or for a check box or radio button the one its state (/AS) names. */
function normalAppearance(widget: PDFDict): PDFRef | PDFStream | undefined {
  const normal = widget.lookupMaybe(N.AP, PDFDict)?.get(N.N);
  if (!normal) return undefined;
  const resolved = widget.context.lookup(normal);
  if (resolved instanceof PDFStream) return normal instanceof PDFRef ? normal : resolved;
  if (!(resolved instanceof PDFDict)) return undefined;
  const state = widget.lookupMaybe(N.AS, PDFName);
  if (!state) return undefined;
  const chosen = resolved.get(state);
  return chosen instanceof PDFRef || chosen instanceof PDFStream ? chosen : undefined;
}
