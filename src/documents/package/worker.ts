// Runs in the package worker: assembles one package per message and posts the PDF back.
import { parentPort } from 'node:worker_threads';
import { assemblePackage } from './assemble.ts';
import type { PackageInput } from './model.ts';
import { PackageError } from './sources.ts';

parentPort!.on('message', async ({ id, input }: { id: number; input: PackageInput }) => {
  try {
    const pdf = await assemblePackage(input);
    parentPort!.postMessage({ id, pdf }, [pdf.buffer as ArrayBuffer]);
  } catch (e) {
    const error = e instanceof PackageError ? { code: e.code, part: e.part, message: e.message } : { message: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage({ id, error });
  }
});
