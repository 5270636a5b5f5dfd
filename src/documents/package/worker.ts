// Runs in the package worker: assembles one package per message and posts the PDF back.
import { parentPort } from 'node:worker_threads';
import { assemblePackage, type PackageLayout } from './assemble.ts';
import type { PackageInput } from './model.ts';
import { PackageError } from './sources.ts';

parentPort!.on('message', async ({ id, input }: { id: number; input: PackageInput }) => {
  try {
    const layout: PackageLayout = { coverPages: 0, agendaPages: 0, partPages: [] };
    const pdf = await assemblePackage(input, layout);
    parentPort!.postMessage({ id, pdf, layout }, [pdf.buffer as ArrayBuffer]);
  } catch (e) {
    const error = e instanceof PackageError ? { code: e.code, part: e.part, message: e.message } : { message: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage({ id, error });
  }
});
