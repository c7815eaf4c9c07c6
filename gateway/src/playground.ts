/**
 * What a browser gets at GET /graphql before signing in: a small sign-in
 * form that calls the signIn mutation (which sets the session cookie) and
 * reloads into GraphiQL. Served with 401, and without any part of the schema.
 */
export function signInPage(graphqlPath: string, staleSession: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lifestone - sign in</title>
<style>
  body { font-family: system-ui, sans-serif; background: #14161a; color: #e8e6e3; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  form { background: #1e2127; padding: 2rem; border-radius: 8px; width: 18rem; display: grid; gap: .75rem; }
  h1 { font-size: 1.2rem; margin: 0 0 .5rem; }
  input, button { font: inherit; padding: .5rem; border-radius: 4px; border: 1px solid #3a3f4b; background: #14161a; color: inherit; }
  button { background: #2f6fde; border-color: #2f6fde; cursor: pointer; }
  p { margin: 0; font-size: .85rem; color: #a9adb5; }
  #error { color: #ff8a80; min-height: 1.2em; }
</style>
</head>
<body>
<form id="sign-in">
  <h1>Lifestone GraphQL playground</h1>
  <p>${staleSession ? 'Your session has ended. ' : ''}Sign in to open the playground. Scripts and bots send <code>Authorization: Bearer &lt;API token&gt;</code> instead.</p>
  <input name="username" autocomplete="username" placeholder="Name" required autofocus>
  <input name="password" type="password" autocomplete="current-password" placeholder="Password" required>
  <button type="submit">Sign in</button>
  <p id="error" role="alert"></p>
</form>
<script>
  document.getElementById('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const error = document.getElementById('error');
    error.textContent = '';
    try {
      const response = await fetch(${JSON.stringify(graphqlPath)}, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          query: 'mutation SignIn($username: String!, $password: String!) { signIn(username: $username, password: $password) { name } }',
          variables: { username: form.get('username'), password: form.get('password') },
        }),
      });
      const result = await response.json();
      if (result.errors) error.textContent = result.errors[0].message;
      else location.reload();
    } catch (failure) {
      error.textContent = String(failure);
    }
  });
</script>
</body>
</html>
`;
}
