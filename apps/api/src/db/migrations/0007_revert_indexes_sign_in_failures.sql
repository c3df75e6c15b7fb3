CREATE TABLE `sign_in_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account` text NOT NULL,
	`address` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_by_account` ON `sign_in_failures` (`account`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_failures_by_address` ON `sign_in_failures` (`address`,`at`);--> statement-breakpoint
DROP INDEX `target_history_by_key`;--> statement-breakpoint
CREATE INDEX `target_history_by_writer` ON `target_history` (`load_id`);--> statement-breakpoint
CREATE INDEX `target_history_by_key` ON `target_history` (`indicator_id`,`la_code`,`period_id`,`replaced_by_load_id`,`id`);--> statement-breakpoint
CREATE INDEX `observation_history_by_observation_load` ON `observation_history` (`observation_id`,`replaced_by_load_id`,`id`);--> statement-breakpoint
CREATE INDEX `observation_history_by_writer` ON `observation_history` (`load_id`);--> statement-breakpoint
CREATE INDEX `observations_by_load` ON `observations` (`load_id`);