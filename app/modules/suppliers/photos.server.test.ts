import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { supplierAuditLog, supplierPhotos, uploads } from "../../../db/schema";
import { createUser } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { MAX_SUPPLIER_PHOTOS } from "./photo-schema";
import { addSupplierPhoto, listSupplierPhotos, removeSupplierPhoto } from "./photos.server";
import { loadSupplierProfile } from "./profile.server";
import { DomainError } from "~/lib/errors";

// A real 1×1 PNG and the start of a JPEG: the type is read from these bytes, never from the name.
const png = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));
const jpegOfSize = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};

type Owner = { supplierId: string; organisationId: string; actorId: string };
let alice: Owner;
let bob: Owner;

async function makeOwner(email: string): Promise<Owner> {
  const user = await createUser(db, { email });
  const supplier = await createSupplierRow(db, { ownerId: user.id });
  return { supplierId: supplier.id, organisationId: supplier.organisationId, actorId: user.id };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as DomainError);
const photoCount = async (supplierId: string) => (await db.select().from(supplierPhotos).where(eq(supplierPhotos.supplierId, supplierId))).length;

beforeAll(async () => {
  alice = await makeOwner("alice@photos.example.org");
  bob = await makeOwner("bob@photos.example.org");
});

describe("supplier photos", () => {
  it("stores a photo checked by content, with its description, and shows it on the profile", async () => {
    const photo = await addSupplierPhoto({ ...alice, bytes: png, filename: "atelier.png", caption: "  Notre atelier de Montreuil  " });
    expect(photo.caption).toBe("Notre atelier de Montreuil");
    const [stored] = await db.select().from(uploads).where(eq(uploads.id, photo.id));
    expect(stored).toMatchObject({ kind: "photo", mime: "image/png", size: png.byteLength, organisationId: alice.organisationId });
    expect((await loadSupplierProfile(alice.supplierId))!.photos).toEqual([{ id: photo.id, caption: "Notre atelier de Montreuil" }]);
    const audit = await db.select().from(supplierAuditLog).where(eq(supplierAuditLog.supplierId, alice.supplierId));
    expect(audit.map((a) => a.action)).toContain("photo_added");
    await removeSupplierPhoto({ supplierId: alice.supplierId, actorId: alice.actorId, photoId: photo.id });
  });

  it("refuses a file that is not a PNG, JPEG or WebP image, whatever its name", async () => {
    const text = new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'></svg>");
    const error = await refusal(addSupplierPhoto({ ...alice, bytes: text, filename: "photo.png", caption: "Une photo" }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error!.status).toBe(400);
    expect(error!.message).toBe("La photo doit être une image PNG, JPEG ou WebP.");
    expect(await photoCount(alice.supplierId)).toBe(0);
  });

  it("refuses an image over 1 Mo and accepts one of exactly 1 Mo", async () => {
    const error = await refusal(addSupplierPhoto({ ...alice, bytes: jpegOfSize(1_048_577), filename: "grande.jpg", caption: "Trop grande" }));
    expect(error!.status).toBe(400);
    expect(error!.message).toBe("Le fichier dépasse 1 Mo.");
    expect(await photoCount(alice.supplierId)).toBe(0);
    const ok = await addSupplierPhoto({ ...alice, bytes: jpegOfSize(1_048_576), filename: "juste.jpg", caption: "Juste 1 Mo" });
    await removeSupplierPhoto({ supplierId: alice.supplierId, actorId: alice.actorId, photoId: ok.id });
  });

  it("requires a short description (the text alternative)", async () => {
    for (const caption of ["", "  ", "x".repeat(141)]) {
      const error = await refusal(addSupplierPhoto({ ...alice, bytes: png, filename: "a.png", caption }));
      expect(error!.status).toBe(400);
      expect(error!.details).toEqual({ field: "caption" });
    }
    expect(await photoCount(alice.supplierId)).toBe(0);
  });

  it(`keeps ${MAX_SUPPLIER_PHOTOS} photos at most, in the order they were added`, async () => {
    const added = [];
    for (let i = 1; i <= MAX_SUPPLIER_PHOTOS; i++) added.push(await addSupplierPhoto({ ...bob, bytes: png, filename: null, caption: `Chantier ${i}` }));
    const error = await refusal(addSupplierPhoto({ ...bob, bytes: png, filename: null, caption: "Une de trop" }));
    expect(error!.status).toBe(400);
    expect(error!.message).toMatch(/déjà 6 photos/);
    const listed = await listSupplierPhotos(bob.supplierId);
    expect(listed.map((p) => p.caption)).toEqual(added.map((p) => p.caption));
    const uploadsOfBob = await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.organisationId, bob.organisationId));
    expect(uploadsOfBob).toHaveLength(MAX_SUPPLIER_PHOTOS);
    // Once one is removed there is room again.
    await removeSupplierPhoto({ supplierId: bob.supplierId, actorId: bob.actorId, photoId: added[0]!.id });
    await addSupplierPhoto({ ...bob, bytes: png, filename: null, caption: "Remplaçante" });
    expect((await listSupplierPhotos(bob.supplierId)).map((p) => p.caption)).toEqual([...added.slice(1).map((p) => p.caption), "Remplaçante"]);
  });

  it("never lets a supplier remove another supplier's photo", async () => {
    const photo = await addSupplierPhoto({ ...alice, bytes: png, filename: null, caption: "Photo d'Alice" });
    const error = await refusal(removeSupplierPhoto({ supplierId: bob.supplierId, actorId: bob.actorId, photoId: photo.id }));
    expect(error!.status).toBe(404);
    expect(await listSupplierPhotos(alice.supplierId)).toEqual([{ id: photo.id, caption: "Photo d'Alice" }]);
    expect(await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.id, photo.id))).toHaveLength(1);
    // Its owner can, and the bytes go with it.
    await removeSupplierPhoto({ supplierId: alice.supplierId, actorId: alice.actorId, photoId: photo.id });
    expect(await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.id, photo.id))).toHaveLength(0);
    expect((await refusal(removeSupplierPhoto({ supplierId: alice.supplierId, actorId: alice.actorId, photoId: photo.id })))!.status).toBe(404);
  });
});
