import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { TextField } from "~/components/Field";

export type PhotoView = { id: string; caption: string };

/** The public page's photos: each with its caption as text alternative. */
export function PhotoGallery({ photos }: { photos: PhotoView[] }) {
  if (photos.length === 0) return null;
  return (
    <Card title="Photos">
      <ul className="photo-grid">
        {photos.map((p) => (
          <li key={p.id}>
            <figure>
              <img src={`/fichiers/${p.id}`} alt={p.caption} loading="lazy" />
              <figcaption>{p.caption}</figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export type PhotoErrors = { photo?: string[]; caption?: string[] } | null;

/** The profile page's photo manager: add (file + required description), remove; works without JavaScript. */
export function PhotoManager({ photos, max, errors, caption }: { photos: PhotoView[]; max: number; errors: PhotoErrors; caption: string }) {
  const full = photos.length >= max;
  return (
    <Card title={`Photos (${photos.length} sur ${max})`}>
      {photos.length ? (
        <ul className="photo-grid">
          {photos.map((p) => (
            <li key={p.id}>
              <figure>
                <img src={`/fichiers/${p.id}`} alt={p.caption} loading="lazy" />
                <figcaption>{p.caption}</figcaption>
              </figure>
              <Form method="post" action="?intent=photo-remove">
                <input type="hidden" name="photoId" value={p.id} />
                <Button type="submit" variant="secondary" aria-label={`Retirer la photo « ${p.caption} »`}>
                  Retirer
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Montrez vos locaux, votre équipe ou vos réalisations : jusqu'à {max} photos.</p>
      )}
      {full ? (
        <p>Vous avez atteint {max} photos : retirez-en une pour en ajouter une autre.</p>
      ) : (
        <Form method="post" action="?intent=photo" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="photo">Photo (PNG, JPEG ou WebP, 1 Mo au plus)</label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              required
              aria-invalid={errors?.photo?.length ? true : undefined}
              aria-describedby={errors?.photo?.length ? "photo-error" : undefined}
            />
            {errors?.photo?.length ? (
              <p className="field-error" id="photo-error" role="alert">
                {errors.photo.join(" ")}
              </p>
            ) : null}
          </div>
          <TextField
            label="Description de la photo"
            name="caption"
            hint="Ce que montre la photo, en une phrase courte : elle est lue aux personnes qui ne voient pas l'image."
            maxLength={140}
            defaultValue={caption}
            errors={errors?.caption ?? null}
            required
          />
          <Button type="submit" variant="secondary">
            Ajouter la photo
          </Button>
        </Form>
      )}
    </Card>
  );
}
