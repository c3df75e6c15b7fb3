CREATE TABLE `pack_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pack_id` integer NOT NULL,
	`indicator_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`author` text NOT NULL,
	`written_at` text NOT NULL,
	FOREIGN KEY (`pack_id`) REFERENCES `packs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pack_texts_by_pack` ON `pack_texts` (`pack_id`,`indicator_id`,`id`);--> statement-breakpoint
CREATE TABLE `packs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`la_code` text NOT NULL,
	`period_id` text NOT NULL,
	`version` integer NOT NULL,
	`state` text NOT NULL,
	`snapshot` text NOT NULL,
	`changes` text,
	`revises_pack_id` integer,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`state_changed_by` text NOT NULL,
	`state_changed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packs_version` ON `packs` (`la_code`,`period_id`,`version`);