/**
 * The bootstrap's PHP half (php-cli), everything that touches the database: wait for MySQL,
 * write wp-config.php, then install WordPress with its own installer (`wp_install()` from
 * wp-admin/includes/upgrade.php, as wp-admin/install.php calls it) or wait for that install.
 *
 * Why PHP and not WP-CLI or the mysql client: the credentials secret's JSON arrives on stdin
 * and stays in this process, so no secret is in argv, the environment, a log or a file but
 * wp-config.php; and one mysqli connection answers "does TLS work?" the way WordPress will use it.
 *
 * Settings come from the environment the bootstrap exports (none is secret):
 * SITEBOT_DB_ENDPOINT (host:port), SITEBOT_WORDPRESS (the release directory), SITEBOT_HOME,
 * SITEBOT_TITLE, SITEBOT_EMAIL, SITEBOT_LOCALE. Argument: `install` (web #1) or `await` (web #2).
 *
 * Kept free of `${` and backticks: it is embedded verbatim in a TypeScript template literal.
 */
export const WORDPRESS_PHP = String.raw`<?php
// sitebot-wordpress, database half: wait for MySQL, write wp-config.php, then install
// WordPress (install) or wait until it is installed (await). Secrets come on stdin only.
declare(strict_types=1);
ini_set('zend.exception_ignore_args', '1'); // a stack trace must not show connect()'s password
ini_set('display_errors', 'stderr');
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

const MARK = 'sitebot_installed';

function say(string $m): void
{
	echo "sitebot-wordpress: $m\n";
}

function setting(string $name): string
{
	$v = getenv($name);
	if (!is_string($v) || $v === '') {
		throw new RuntimeException("$name is not set");
	}
	return $v;
}

function connect(array $c, bool $tls): mysqli
{
	$db = mysqli_init();
	$db->options(MYSQLI_OPT_CONNECT_TIMEOUT, 10);
	@$db->real_connect($c['host'], $c['user'], $c['password'], 'wordpress', $c['port'], null, $tls ? MYSQLI_CLIENT_SSL : 0);
	return $db;
}

// Waits until the credentials work; TLS whenever the server offers it (RDS does), so a later
// require_secure_transport=ON breaks nothing. Logs the client's last error once a minute.
function wait_for_mysql(array $c): array
{
	for ($next = 0;; sleep(10)) {
		try {
			return [connect($c, true), true];
		} catch (mysqli_sql_exception $e) {
			$tls = $e->getMessage();
		}
		try {
			return [connect($c, false), false];
		} catch (mysqli_sql_exception $e) {
			$plain = $e->getMessage();
		}
		if (time() >= $next) {
			say("waiting for MySQL at {$c['host']}: " . ($tls === $plain ? $plain : "$tls (TLS); $plain (no TLS)"));
			$next = time() + 60;
		}
	}
}

function write_config(string $dir, array $c, bool $tls, string $home): void
{
	$q = static fn(string $v): string => var_export($v, true);
	$lines = [
		'<?php',
		'// Written by sitebot-wordpress at boot; rewritten when the endpoint or credentials change.',
		"define('DB_NAME', 'wordpress');",
		"define('DB_USER', " . $q($c['user']) . ');',
		"define('DB_PASSWORD', " . $q($c['password']) . ');',
		"define('DB_HOST', " . $q($c['host'] . ':' . $c['port']) . ');',
		"define('DB_CHARSET', 'utf8mb4');",
		"define('DB_COLLATE', '');",
	];
	if ($tls) {
		// Encrypted; WordPress has no setting for a CA, so mysqlnd does not check the certificate.
		$lines[] = "define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL);";
	}
	// The same on every web server (a login works on both), as secret as the password beside them.
	foreach (['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE'] as $k) {
		foreach (['KEY', 'SALT'] as $kind) {
			$lines[] = "define('{$k}_$kind', '" . hash_hmac('sha256', "sitebot {$k}_$kind", $c['password']) . "');";
		}
	}
	array_push(
		$lines,
		"define('WP_HOME', " . $q($home) . ');',
		"define('WP_SITEURL', " . $q($home) . ');',
		"\$table_prefix = 'wp_';",
		"if (!defined('ABSPATH')) {\n    define('ABSPATH', __DIR__ . '/');\n}",
		"require_once ABSPATH . 'wp-settings.php';",
		''
	);
	$config = implode("\n", $lines);
	$path = "$dir/wp-config.php";
	if (@file_get_contents($path) === $config) {
		return;
	}
	// Written beside the release, not in it: httpd never serves a half-written copy.
	$tmp = tempnam(dirname($dir), '.wp-config-'); // 0600 until complete
	file_put_contents($tmp, $config);
	chgrp($tmp, filegroup($dir)); // the web server's group: it reads, cannot write
	chmod($tmp, 0640);
	rename($tmp, $path);
	say('wrote wp-config.php');
}

function installed(mysqli $db): bool
{
	try {
		return $db->query("SELECT 1 FROM wp_options WHERE option_name = '" . MARK . "'")->num_rows > 0;
	} catch (mysqli_sql_exception $e) {
		if ($e->getCode() === 1146) { // no wp_options yet
			return false;
		}
		throw $e;
	}
}

function await_install(mysqli $db): void
{
	for ($next = 0; !installed($db); sleep(5)) {
		if (time() >= $next) {
			say('waiting for web server #1 to install WordPress');
			$next = time() + 60;
		}
	}
	say('WordPress is installed');
}

// As WP-CLI's --skip-email: upgrade.php defines this only when it is not defined yet.
function wp_new_blog_notification(): void
{
}

function install(mysqli $db, string $dir, array $admin): void
{
	// One installer at a time, whoever runs this; the lock ends with the connection.
	$db->query('SET SESSION wait_timeout = 600');
	while ((int) $db->query("SELECT GET_LOCK('sitebot_wordpress_install', 60)")->fetch_row()[0] !== 1) {
		say('waiting for another installer to finish');
	}
	if (installed($db)) {
		say('WordPress is already installed');
		return;
	}
	// WordPress tables without the mark are an install cut short (a reboot): start clean.
	$left = array_column($db->query("SHOW TABLES LIKE 'wp\_%'")->fetch_all(), 0);
	foreach ($left as $table) {
		if (preg_match('/^wp_\w+$/', $table) === 1) {
			$db->query("DROP TABLE $table");
		}
	}
	if ($left) {
		say('removed ' . count($left) . ' tables of an unfinished install');
	}
	say('installing WordPress');
	define('WP_INSTALLING', true);
	$_SERVER['HTTP_HOST'] = (string) parse_url(setting('SITEBOT_HOME'), PHP_URL_HOST);
	$_SERVER['REQUEST_URI'] = '/';
	require "$dir/wp-load.php";
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	// Nothing leaves the host while installing (wp_install probes pretty permalinks over HTTP).
	add_filter('pre_http_request', static fn() => new WP_Error('sitebot', 'no HTTP while installing'));
	$locale = setting('SITEBOT_LOCALE');
	$language = '';
	if ($locale !== 'en_US' && load_default_textdomain($locale)) {
		$GLOBALS['wp_locale'] = new WP_Locale();
		$language = $locale;
	}
	wp_install(setting('SITEBOT_TITLE'), $admin['user'], setting('SITEBOT_EMAIL'), true, '', wp_slash($admin['password']), $language);
	$when = gmdate('c');
	$mark = $db->prepare("INSERT INTO wp_options (option_name, option_value, autoload) VALUES ('" . MARK . "', ?, 'no')");
	$mark->bind_param('s', $when);
	$mark->execute();
	say('WordPress installed');
}

function main(string $mode): void
{
	if ($mode !== 'install' && $mode !== 'await') {
		throw new InvalidArgumentException('usage: install|await');
	}
	$secret = json_decode((string) stream_get_contents(STDIN), true);
	foreach (['username', 'password', 'wpAdminUser', 'wpAdminPassword'] as $k) {
		if (!is_string($secret[$k] ?? null) || $secret[$k] === '') {
			throw new RuntimeException('the credentials secret is incomplete');
		}
	}
	[$host, $port] = explode(':', setting('SITEBOT_DB_ENDPOINT')) + [1 => '3306'];
	$c = ['host' => $host, 'port' => (int) $port, 'user' => $secret['username'], 'password' => $secret['password']];
	$dir = setting('SITEBOT_WORDPRESS');
	[$db, $tls] = wait_for_mysql($c);
	write_config($dir, $c, $tls, setting('SITEBOT_HOME'));
	if ($mode === 'await') {
		await_install($db);
	} else {
		install($db, $dir, ['user' => $secret['wpAdminUser'], 'password' => $secret['wpAdminPassword']]);
	}
}

// WordPress ends the process itself on some errors (dead_db(), wp_die()), with status 0:
// anything short of the end of main() must fail, so the unit tries again.
$state = 'running';
register_shutdown_function(static function () use (&$state): void {
	foreach (glob(dirname((string) getenv('SITEBOT_WORDPRESS')) . '/.wp-config-*') ?: [] as $stale) {
		unlink($stale); // left by a run that was cut short
	}
	if ($state === 'running') {
		say('stopped before the end');
	}
	if ($state !== 'done') {
		exit(1);
	}
});
try {
	main($argv[1] ?? '');
	$state = 'done';
} catch (Throwable $e) {
	say('failed: ' . $e->getMessage());
	$state = 'failed';
}
`;
