CREATE TABLE `dfe_checks` (
	`source_file` text PRIMARY KEY NOT NULL,
	`checked_at` text NOT NULL,
	`version` text,
	`published` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dfe_pulls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_file` text NOT NULL,
	`via` text NOT NULL,
	`data_set_id` text NOT NULL,
	`version` text NOT NULL,
	`release_title` text NOT NULL,
	`published` text,
	`pulled_at` text NOT NULL,
	`pulled_by` text NOT NULL,
	`sha256` text NOT NULL,
	`bytes` integer NOT NULL,
	`csv_gzip` blob NOT NULL,
	`plan_hash` text,
	`report` text NOT NULL,
	`state` text NOT NULL,
	`load_id` integer,
	`decided_by` text,
	`decided_at` text
);
--> statement-breakpoint
CREATE INDEX `dfe_pulls_by_source` ON `dfe_pulls` (`source_file`,`id`);--> statement-breakpoint
ALTER TABLE `loads` ADD `dfe_release` text;