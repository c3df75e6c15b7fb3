CREATE TABLE `log_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`load_id` integer NOT NULL,
	`kind` text NOT NULL,
	`row` integer NOT NULL,
	`key` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`load_id`) REFERENCES `loads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `log_rows_load` ON `log_rows` (`load_id`,`row`);--> statement-breakpoint
ALTER TABLE `loads` ADD `log_kind` text;--> statement-breakpoint
ALTER TABLE `loads` ADD `log_snapshot` text;