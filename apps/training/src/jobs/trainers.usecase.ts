import { Injectable } from '@nestjs/common';
import type { Trainer } from '@galley/contracts';
import { nowIso } from '@galley/persistence';
import { DataSource, MoreThan } from 'typeorm';
import { TrainerEntity } from './job.entities';

/** A trainer is listed while it has sent a heartbeat within this window. */
export const TRAINER_ALIVE_MS = 30_000;

@Injectable()
export class TrainersUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async heartbeat(trainer: Omit<Trainer, 'lastSeenAt'>): Promise<{ ok: true }> {
    await this.dataSource.getRepository(TrainerEntity).save({ ...trainer, lastSeenAt: nowIso() });
    return { ok: true };
  }

  async list(): Promise<{ items: Trainer[] }> {
    const since = new Date(Date.now() - TRAINER_ALIVE_MS).toISOString();
    const trainers = await this.dataSource.getRepository(TrainerEntity).find({ where: { lastSeenAt: MoreThan(since) }, order: { id: 'ASC' } });
    return { items: trainers };
  }
}
