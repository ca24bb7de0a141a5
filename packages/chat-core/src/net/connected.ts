import type { Dispatcher } from 'undici';

/**
 * `dispatcher` (from this undici: its handlers speak the v7 API) calling `onConnected` each time the request starts on a
 * connected socket: after TCP, TLS and any proxy tunnel, before the request is written. From then on the wait is
 * the server's, which many OpenAI-compatible servers and proxies spend holding their headers until the first token.
 */
export function withConnectedHook(dispatcher: Dispatcher, onConnected: () => void): Dispatcher {
  return dispatcher.compose(
    (dispatch) => (options, handler) =>
      dispatch(options, {
        onRequestStart: (controller, context) => {
          onConnected();
          handler.onRequestStart?.(controller, context);
        },
        onRequestUpgrade: (controller, statusCode, headers, socket) =>
          handler.onRequestUpgrade?.(controller, statusCode, headers, socket),
        onResponseStart: (controller, statusCode, headers, statusMessage) =>
          handler.onResponseStart?.(controller, statusCode, headers, statusMessage),
        onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
        onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
        onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
      }),
  );
}
