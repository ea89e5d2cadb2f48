// Photos are re-encoded on the phone before they are queued: drawing the decoded pixels on a canvas and
// encoding a new JPEG leaves every EXIF, GPS, XMP and maker-note field behind (the server strips them
// again, and never publishes an original, but they should not travel at all). The JPEG made here is what
// the outbox stores and sends, byte for byte, on every attempt.

const MAX_SIDE = 4096; // a phone photo of 12-50 megapixels; the acta's QR stays far above its resolution need
const QUALITY = 0.92;
const THUMB_SIDE = 320;

/** {blob: the JPEG to send, width, height, thumb: a small data: URL for review and the outbox list}. */
export async function reencode(file) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const blob = await toJpeg(bitmap, width, height, QUALITY);
    const t = Math.min(1, THUMB_SIDE / Math.max(width, height));
    const thumb = await toDataUrl(bitmap, Math.max(1, Math.round(width * t)), Math.max(1, Math.round(height * t)));
    return { blob, width, height, thumb };
  } finally {
    bitmap.close();
  }
}

function canvas(width, height) {
  if (typeof document !== 'undefined') {
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    return c;
  }
  return new OffscreenCanvas(width, height);
}

function draw(bitmap, width, height) {
  const c = canvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, in a JPEG
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  return c;
}

function toJpeg(bitmap, width, height, quality) {
  const c = draw(bitmap, width, height);
  if (c.convertToBlob) {
    return c.convertToBlob({ type: 'image/jpeg', quality });
  }
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))),
    'image/jpeg', quality));
}

function toDataUrl(bitmap, width, height) {
  return Promise.resolve(draw(bitmap, width, height).toDataURL('image/jpeg', 0.7));
}
