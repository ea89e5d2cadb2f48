// QR codes read on the phone with the browser's BarcodeDetector (Chrome on Android, Safari on recent iOS
// behind a flag, not desktop Linux). Without it the app takes a photo and the server reads the code.

let support = null;

/** Whether this browser reads QR codes itself. */
export function qrSupported() {
  if (support === null) {
    support = (async () => {
      if (!('BarcodeDetector' in self)) {
        return false;
      }
      try {
        return (await self.BarcodeDetector.getSupportedFormats()).includes('qr_code');
      } catch (e) {
        return false;
      }
    })();
  }
  return support;
}

/** The texts of the QR codes in an image, a bitmap or a playing video; [] when none (or no detector). */
export async function detect(source) {
  if (!(await qrSupported())) {
    return [];
  }
  try {
    const codes = await new self.BarcodeDetector({ formats: ['qr_code'] }).detect(source);
    return [...new Set(codes.map((c) => c.rawValue).filter((v) => v))];
  } catch (e) {
    return [];
  }
}

/**
 * Opens the back camera in {@code video} and resolves with the first QR texts read; rejects when the
 * camera cannot be opened. {@code stop()} on the returned handle ends the scan (resolving with []).
 */
export function scanLive(video) {
  let stream = null;
  let stopped = false;
  let finish;
  const result = new Promise((resolve, reject) => {
    finish = (value, error) => {
      stopped = true;
      if (stream) {
        stream.getTracks().forEach((t) => t.stop());
      }
      video.srcObject = null;
      if (error) {
        reject(error);
      } else {
        resolve(value);
      }
    };
  });
  (async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      if (stopped) {
        finish([]);
        return;
      }
      video.srcObject = stream;
      await video.play();
      while (!stopped) {
        const texts = await detect(video);
        if (texts.length) {
          finish(texts);
          return;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    } catch (e) {
      if (!stopped) {
        finish(null, e);
      }
    }
  })();
  return { result, stop: () => { if (!stopped) finish([]); } };
}
