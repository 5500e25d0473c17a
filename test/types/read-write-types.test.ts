// Compile-time checks of readOnly/writeOnly shapes, on the committed goldens of
// test/fixtures/specs/read-write-only.yaml (3.1) and read-write-only-3-0.yaml (this file is
// type-checked by `npm run typecheck` and test/unit/typecheck.test.ts). The calls sit in functions
// that are never run: only tsc reads them.
import { describe, expectTypeOf, it } from 'vitest';
import type { PetShelterClient } from '../golden/read-write-only/src/index.js';
import type {
  Animal,
  AnimalParam,
  Credentials,
  Dog,
  DogFields,
  DogParam,
  Label,
  LabelParam,
  Owner,
  OwnerRequestParam,
  Pet,
  PetParam,
  Session,
  Tag,
  UpdateOwnerBody,
} from '../golden/read-write-only/src/types.js';
import type { Profile, ProfileParam, User, UserParam } from '../golden/read-write-only-3-0/src/types.js';
import type * as validators from '../golden/read-write-only/src/validators.js';

describe('readOnly and writeOnly types', () => {
  it('leave read-only properties out of requests, even required ones', () => {
    void (async (client: PetShelterClient) => {
      await client.pets.create({ kind: 'pet', name: 'Rex', microchip_code: 'c-1', owner: { email: 'a@b.c', password: 'pw' } });
      // @ts-expect-error `id` is read-only: a request object literal cannot hold it
      await client.pets.create({ kind: 'pet', id: 'p_1', name: 'Rex', microchip_code: 'c-1' });
      // @ts-expect-error nor can a nested schema's request shape (`Owner.id`)
      await client.pets.create({ kind: 'pet', name: 'Rex', microchip_code: 'c-1', owner: { id: 'o_1', email: 'a@b.c', password: 'pw' } });
      // @ts-expect-error an allOf part's read-only mark leaves out the property another part declares
      await client.dogs.update('d_1', { kind: 'dog', id: 'd_1', breed: 'collie' });
      await client.dogs.update('d_1', { kind: 'dog', breed: 'collie' });
      // @ts-expect-error a write-only property a request needs stays required
      await client.login.create({ username: 'u' });
      // @ts-expect-error a read-only property of an inline body is left out too
      await client.owners.update('o_1', { owner: { email: 'a@b.c', password: 'pw' }, audit_note: 'x' });
      await client.owners.update('o_1', { owner: { email: 'a@b.c', password: 'pw' } });
    });
    expectTypeOf<PetParam>().toEqualTypeOf<{
      kind: 'pet';
      name: string;
      microchip_code: string;
      owner?: OwnerRequestParam;
      tags?: Tag[];
      labels?: { [key: string]: LabelParam };
    }>();
    expectTypeOf<LabelParam>().toEqualTypeOf<{ text: string }>();
    expectTypeOf<AnimalParam>().toEqualTypeOf<PetParam | DogParam>();
    expectTypeOf<Credentials>().toEqualTypeOf<{ username: string; password: string }>();
    expectTypeOf<UpdateOwnerBody>().toEqualTypeOf<{ owner: OwnerRequestParam }>();
    expectTypeOf<UserParam>().toEqualTypeOf<{ email: string; password: string; profile?: ProfileParam }>();
    expectTypeOf<ProfileParam>().toEqualTypeOf<{ display_name: string; secret_answer?: string }>();
  });

  it('leave write-only properties out of responses, and read-only ones in', () => {
    void (async (client: PetShelterClient) => {
      const pet = await client.pets.retrieve('p_1');
      expectTypeOf(pet).toEqualTypeOf<Pet>();
      expectTypeOf(pet.id).toEqualTypeOf<string>();
      // @ts-expect-error `microchip_code` is write-only: the response type does not have it
      void pet.microchip_code;
      const session = await client.login.create({ username: 'u', password: 'pw' });
      // @ts-expect-error `password` is write-only
      void session.password;
      expectTypeOf(session).toEqualTypeOf<Session>();
      expectTypeOf(await client.animals.create({ kind: 'dog', breed: 'collie' })).toEqualTypeOf<Animal>();
    });
    expectTypeOf<Owner>().toEqualTypeOf<{ id: string; email: string }>();
    expectTypeOf<Label>().toEqualTypeOf<{ text: string; updated_by?: string }>();
    expectTypeOf<Session>().toEqualTypeOf<{ token: string }>();
    expectTypeOf<Dog>().toEqualTypeOf<DogFields & { id?: unknown; vaccinated_at?: string }>();
    expectTypeOf<Profile>().toEqualTypeOf<{ display_name: string }>();
    expectTypeOf<User>().toEqualTypeOf<{ id: number; email: string; created: string; nickname?: string | null; profile?: Profile }>();
  });

  it('give a second type only to a schema whose shape differs and that both sides use', () => {
    // `Tag` has neither keyword in its reach; `Credentials` only requests use; `Session` only responses
    type Exported = keyof typeof validators;
    expectTypeOf<
      Extract<Exported, 'TagParam' | 'CredentialsParam' | 'SessionParam' | 'DogFieldsParam' | 'TimestampParam'>
    >().toEqualTypeOf<never>();
    expectTypeOf<Extract<Exported, 'PetParam' | 'OwnerRequestParam' | 'AnimalParam' | 'DogParam' | 'LabelParam'>>().toEqualTypeOf<
      'PetParam' | 'OwnerRequestParam' | 'AnimalParam' | 'DogParam' | 'LabelParam'
    >();
    expectTypeOf<(typeof validators)['PetParam']['is']>().guards.toEqualTypeOf<PetParam>();
    expectTypeOf<(typeof validators)['PetParam']['assert']>().asserts.toEqualTypeOf<PetParam>();
  });
});
