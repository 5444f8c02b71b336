/**
 * "保存离线使用" on a route page: sends the service worker the URLs the walk
 * needs (LearnerTools.astro lists them at build time) and reports what it
 * cached. Shown only where service workers exist.
 */

/** A worker registers within seconds of a page load; none by then means none here (dev, blocked). */
const READY_TIMEOUT_MS = 10_000;
/** Saving a route takes seconds; past this something is wrong (storage full, connection gone). */
const REPLY_TIMEOUT_MS = 60_000;

interface CacheReply {
  cached: number;
  failed: string[];
}

export function startOfflineSave(): void {
  const box = document.querySelector<HTMLElement>('[data-offline-save]');
  const button = box?.querySelector('button');
  const status = box?.querySelector<HTMLElement>('[role="status"]');
  if (!box || !button || !status || !('serviceWorker' in navigator)) return;
  const urls = JSON.parse(box.dataset.offlineSave ?? '[]') as string[];
  const recordings = Number(box.dataset.offlineRecordings ?? 0);
  const listen = recordings > 0 ? `，也能收听经停点的 ${recordings} 段录音` : '';
  box.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = '正在保存……';
    try {
      const reply = await askWorker(urls);
      status.textContent =
        reply.failed.length === 0
          ? `已保存 ${reply.cached} 个文件。没有网络时也能打开本路线、学习单和各经停点页面${listen}。`
          : `已保存 ${reply.cached} 个文件，另有 ${reply.failed.length} 个未能保存，请联网后再试一次。`;
    } catch {
      status.textContent = '暂时无法保存离线使用：请联网后刷新页面再试。';
    } finally {
      button.disabled = false;
    }
  });
}

/** Posts the list to the active worker and waits for its reply on a private channel. */
async function askWorker(urls: string[]): Promise<CacheReply> {
  const registration = await withTimeout(navigator.serviceWorker.ready, READY_TIMEOUT_MS);
  const worker = registration.active;
  if (!worker) throw new Error('no active service worker');
  const channel = new MessageChannel();
  const reply = new Promise<CacheReply>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data as CacheReply);
  });
  worker.postMessage({ type: 'cache', urls, full: true }, [channel.port2]);
  return withTimeout(reply, REPLY_TIMEOUT_MS);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}
