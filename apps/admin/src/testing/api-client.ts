/**
 * Calls the API over HTTP as a demo user, for browser tests that prepare data the way a client
 * would (a commune submitting a report) and check results through the API afterwards.
 */
export async function apiAs(baseUrl: string, username: string, password = "datchuan-demo") {
  const signIn = await fetch(`${baseUrl}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!signIn.ok) throw new Error(`Sign-in of ${username} failed: ${signIn.status}`);
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
  async function read(response: Response) {
    const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok) throw new Error(`${response.url}: ${JSON.stringify(body.error)}`);
    return body.result!.data;
  }
  return {
    /** The session cookie, for requests outside tRPC (file uploads). */
    async cookie(): Promise<string> {
      return cookie;
    },
    // biome-ignore lint/suspicious/noExplicitAny: test data read loosely, checked by expect.
    async query(path: string, input?: unknown): Promise<any> {
      const query =
        input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return read(await fetch(`${baseUrl}/trpc/${path}${query}`, { headers: { cookie } }));
    },
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    async mutate(path: string, input: unknown): Promise<any> {
      return read(
        await fetch(`${baseUrl}/trpc/${path}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify(input),
        }),
      );
    },
  };
}
