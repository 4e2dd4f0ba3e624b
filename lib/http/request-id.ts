/**
 * A request's id, for tying log lines together and for a person to quote when reporting a problem.
 * proxy.ts gives one to every request it sees (pages and forms) and passes it on in this header; route
 * handlers read it back (lib/http/observe-request.ts) and send it in their response.
 *
 * An id already on the request (from a reverse proxy, such as nginx's $request_id) is kept when it is
 * well formed, so its access log and the hub's lines match. Someone could send one of their own: it is
 * only a label, checked to be short and plain.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

const ids = new WeakMap<Request, string>();
const wellFormedId = /^[A-Za-z0-9-]{8,64}$/;

/** The same id for every call with the same request. */
export function requestId(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const given = request.headers.get(REQUEST_ID_HEADER);
    id = given && wellFormedId.test(given) ? given : crypto.randomUUID();
    ids.set(request, id);
  }
  return id;
}
