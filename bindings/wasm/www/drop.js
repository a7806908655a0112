// Picking or dropping files: one drop zone around a file input. The files
// are read as bytes (the library detects the encoding), never sent anywhere.

/** `{name, bytes}` of a File. */
async function read(file) {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Wires `zone` (an element holding `input`, a file input) so that picking
 * or dropping files calls `onFiles([{name, bytes}, ...])`. Errors of
 * `onFiles` go to `onError`. With `input.multiple` every dropped file is
 * passed, otherwise the first.
 */
export function fileDrop(zone, input, onFiles, onError) {
  const take = (list) => {
    const files = [...list].slice(0, input.multiple ? undefined : 1);
    if (files.length === 0) return;
    Promise.all(files.map(read)).then(onFiles).catch(onError);
  };
  input.addEventListener('change', () => take(input.files));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    take(e.dataTransfer.files);
  });
}
