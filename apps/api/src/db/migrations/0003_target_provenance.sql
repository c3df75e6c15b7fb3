CREATE TABLE `target_history` (
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
	`replaced_by_load_id` integer NOT NULL,
	FOREIGN KEY (`replaced_by_load_id`) REFERENCES `loads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `target_history_by_key` ON `target_history` (`indicator_id`,`la_code`,`period_id`);--> statement-breakpoint
CREATE INDEX `target_history_by_load` ON `target_history` (`replaced_by_load_id`);--> statement-breakpoint
ALTER TABLE `targets` ADD `note` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `load_id` integer REFERENCES loads(id);