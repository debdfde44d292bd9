/** The bodies the data plane serves: a small WordPress-like page and the ALB's error pages. */

export function wordpressPage(siteName: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="ja">',
    '<head><meta charset="UTF-8"><meta name="generator" content="WordPress 6.7">',
    `<title>${escapeHtml(siteName)}</title></head>`,
    '<body class="home blog">',
    `<header><h1 class="site-title">${escapeHtml(siteName)}</h1></header>`,
    '<main><article><h2>Hello world!</h2><p>WordPress へようこそ。</p></article></main>',
    '</body></html>',
  ].join('\n');
}

export function dbConnectionErrorPage(): string {
  return '<!DOCTYPE html><html><head><title>Database Error</title></head><body><h1>Error establishing a database connection</h1></body></html>';
}

export function albErrorPage(status: 503 | 504): string {
  const title = status === 503 ? '503 Service Temporarily Unavailable' : '504 Gateway Time-out';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;',
  );
}
