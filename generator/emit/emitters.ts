// The emitters, in the order they run: add one line to add one. Each is pure: IR in, files out.
// Those whose files prettier formats run first, so that prettier (on its worker thread) works on
// them while the emitters that print their files in final form run.
import type { IrApi } from '../model/ir.js';
import { emitClient } from './client.js';
import type { EmitContext, EmittedFile } from './emitted-file.js';
import { emitPackageFiles } from './package-files.js';
import { emitRequests } from './requests.js';
import type { TemplateSet } from '../load/template-set.js';
import { emitTypes } from './types.js';
import { emitValidators } from './validators/module.js';

export type Emitter = (api: IrApi, ctx: EmitContext & { readonly templates: TemplateSet }) => EmittedFile[] | Promise<EmittedFile[]>;

/** Emitters whose files prettier formats. */
export const FORMATTED_EMITTERS: readonly Emitter[] = [emitRequests, emitClient, emitPackageFiles];

/** Emitters that print their files in prettier's final layout themselves. */
export const PRINTED_EMITTERS: readonly Emitter[] = [emitTypes, emitValidators];
