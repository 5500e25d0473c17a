// The ordered list of emitters: add one line to add one. Each is pure: IR in, files out.
// Those whose files prettier formats come first, so that prettier (on its worker thread) works
// on them while the emitters that print their files in final form (types, validators) run.
import type { IrApi } from '../model/ir.js';
import { emitClient } from './client.js';
import type { EmitContext, EmittedFile } from './emitted-file.js';
import { emitPackageFiles } from './package-files.js';
import { emitRequests } from './requests.js';
import type { TemplateSet } from './template-set.js';
import { emitTypes } from './types.js';
import { emitValidators } from './validators/module.js';

export type Emitter = (api: IrApi, ctx: EmitContext & { readonly templates: TemplateSet }) => EmittedFile[] | Promise<EmittedFile[]>;

export const EMITTERS: readonly Emitter[] = [emitRequests, emitClient, emitPackageFiles, emitTypes, emitValidators];

/** How many of EMITTERS, from the first, hand prettier their files. */
export const FORMATTED_BY_PRETTIER = 3;
