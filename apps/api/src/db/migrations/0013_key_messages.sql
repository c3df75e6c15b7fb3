CREATE TABLE `key_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`la_code` text NOT NULL,
	`period_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`author` text NOT NULL,
	`written_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `key_messages_by_period` ON `key_messages` (`la_code`,`period_id`,`id`);