// The login form of the chat page and of the admin console: same fields, same error messages.

/**
 * Calls `logIn(username, password)` when the form is submitted and shows why it failed in the
 * form's `.error` element: a 401 is a wrong login; any other error shows its own message.
 */
export function onLoginSubmit(form, logIn) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector('.error');
    const submit = form.querySelector('button[type=submit]');
    error.textContent = '';
    submit.disabled = true;
    try {
      await logIn(form.elements.username.value, form.elements.password.value);
      form.reset();
    } catch (e) {
      error.textContent = e.status === 401 ? 'Wrong username or password.' : e.message;
    } finally {
      submit.disabled = false;
    }
  });
}
