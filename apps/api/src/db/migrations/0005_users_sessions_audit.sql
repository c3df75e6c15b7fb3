CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`before` text,
	`after` text,
	`address` text
);
--> statement-breakpoint
CREATE INDEX `audit_by_action` ON `audit_log` (`action`,`id`);--> statement-breakpoint
CREATE INDEX `audit_by_actor` ON `audit_log` (`actor`,`id`);--> statement-breakpoint
CREATE TABLE `commentary` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` text NOT NULL,
	`la_code` text NOT NULL,
	`period_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`author` text NOT NULL,
	`written_at` text NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commentary_by_key` ON `commentary` (`indicator_id`,`la_code`,`period_id`,`id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_by_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`themes` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_target_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` text NOT NULL,
	`la_code` text NOT NULL,
	`period_id` text NOT NULL,
	`value` real NOT NULL,
	`tolerance_kind` text,
	`tolerance_amount` real,
	`source_ref` text NOT NULL,
	`note` text,
	`set_by` text NOT NULL,
	`set_at` text NOT NULL,
	`load_id` integer,
	`replaced_by_load_id` integer,
	`replaced_by` text,
	`replaced_at` text,
	FOREIGN KEY (`replaced_by_load_id`) REFERENCES `loads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_target_history`("id", "indicator_id", "la_code", "period_id", "value", "tolerance_kind", "tolerance_amount", "source_ref", "note", "set_by", "set_at", "load_id", "replaced_by_load_id", "replaced_by", "replaced_at") SELECT "id", "indicator_id", "la_code", "period_id", "value", "tolerance_kind", "tolerance_amount", "source_ref", "note", "set_by", "set_at", "load_id", "replaced_by_load_id", NULL, NULL FROM `target_history`;--> statement-breakpoint
DROP TABLE `target_history`;--> statement-breakpoint
ALTER TABLE `__new_target_history` RENAME TO `target_history`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `target_history_by_key` ON `target_history` (`indicator_id`,`la_code`,`period_id`);--> statement-breakpoint
CREATE INDEX `target_history_by_load` ON `target_history` (`replaced_by_load_id`);