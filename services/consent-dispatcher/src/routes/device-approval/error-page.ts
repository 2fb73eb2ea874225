/** The page for a request the flow refuses, by status: what happened and what the user can do. */
const PAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'Something is missing', text: 'The answer could not be read. Open the link from your message again.' },
  401: { title: 'This link is not valid', text: 'The link is wrong, was already used, or was replaced by a newer one. Use the latest message you received.' },
  403: { title: 'Please try again', text: 'The answer did not come from this page as it was shown. Open the link from your message again.' },
  404: { title: 'Request not found', text: 'There is no sign-in request at this address.' },
  405: { title: 'Not available', text: 'This page can only be opened from the link in your message.' },
  409: { title: 'Already answered', text: 'This sign-in request was already answered.' },
  410: { title: 'This request has expired', text: 'The sign-in request expired before it was answered. Start the sign-in again on the requesting device.' },
  413: { title: 'Something went wrong', text: 'The answer could not be read. Open the link from your message again.' },
  415: { title: 'Something went wrong', text: 'The answer could not be read. Open the link from your message again.' },
};

/** Title and body of the page answering `status` (texts are constant: nothing of the request is echoed). */
export function errorPage(status: number): { title: string; body: string } {
  const page = PAGES[status] ?? PAGES[400]!;
  return { title: page.title, body: `<h1>${page.title}</h1>\n<p class="result" role="alert">${page.text}</p>` };
}
