/**
 * For browser tests: tRPC over HTTP as another demo user (a reviewer, a second clerk), the way
 * a second browser would, with its own session cookie. Not part of the app's bundle.
 */
export async function apiAs(baseUrl: string, username: string, password = "datchuan-demo") {
  const signIn = await fetch(`${baseUrl}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!signIn.ok) throw new Error(`Sign-in of ${username} failed: ${signIn.status}`);
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const answer = async (response: Response) => {
    const body = (await response.json()) as {
      result?: { data: unknown };
      error?: { message: string };
    };
    if (body.error) throw new Error(body.error.message);
    return body.result?.data;
  };
  return {
    // biome-ignore lint/suspicious/noExplicitAny: test helper; answers are checked by the tests.
    async query(path: string, input: unknown): Promise<any> {
      const url = `${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
      return answer(await fetch(url, { headers: { cookie } }));
    },
    // biome-ignore lint/suspicious/noExplicitAny: test helper; answers are checked by the tests.
    async mutate(path: string, input: unknown): Promise<any> {
      return answer(
        await fetch(`${baseUrl}/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify(input),
        }),
      );
    },
  };
}
