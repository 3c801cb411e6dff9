/**
 * Copy buttons (progressive enhancement): a button with `data-copy-target` (the id of a read-only
 * input) copies the input's value and puts `data-copied` into the live region `data-copy-status`,
 * so a screen reader hears "Kopierad". Without the script the button stays hidden (app.scss) and
 * the field can be selected and copied by hand.
 */
export function initCopyButtons(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-copy-target]')) {
    const input = document.getElementById(button.dataset.copyTarget ?? '');
    const status = document.getElementById(button.dataset.copyStatus ?? '');
    if (!(input instanceof HTMLInputElement)) continue;
    button.addEventListener('click', () => {
      void copy(input).then((copied) => {
        if (!status || !copied) return;
        // Emptied first so the same message is announced again on a second click.
        status.textContent = '';
        window.setTimeout(() => {
          status.textContent = button.dataset.copied ?? '';
        }, 50);
      });
    });
  }
}

async function copy(input: HTMLInputElement): Promise<boolean> {
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // No clipboard API (an insecure origin, an old browser): the selected text for Ctrl+C.
    return false;
  }
}
